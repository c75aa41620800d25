using Telemetry.Replay.Engines;
using Telemetry.Replay.Fleet;

namespace Telemetry.Replay.Policies;

/// <summary>Chooses where a task starts, from the fleet as it is now.</summary>
public interface IPlacementPolicy
{
    /// <summary>The policy's name as <c>--policy</c> spells it.</summary>
    string Name { get; }

    /// <summary>A placement, or null when nothing fits now; with <paramref name="onlyDataCenter"/> (a migration's target) only there.</summary>
    ValueTask<Placement?> PlaceAsync(ReplayTask task, ReplayFleet fleet, string? onlyDataCenter, CancellationToken cancellationToken);

    /// <summary>Tells the policy a task it placed has ended or was never started (a silo's reservation is released).</summary>
    ValueTask ReleaseAsync(ReplayTask task, Placement placement, CancellationToken cancellationToken);
}
