using Telemetry.Replay.Fleet;

namespace Telemetry.Replay.Live;

/// <summary>Starts a fleet's telemetry against the cluster and waits until the silos see it.</summary>
public interface IReplayClusterConnector
{
    Task<IReplayCluster> ConnectAsync(ReplayFleet fleet, TenantPlan tenants, ReplayOptions options, CancellationToken cancellationToken);
}
