using Telemetry.Jobs;

namespace Telemetry.Grains.Events;

/// <summary>
/// Told of every GPU that became, or stopped being, a straggler of a job judged on this silo (the live stream, the sink).
/// Called on the job grain's turn: hand it on, never block or throw.
/// </summary>
public interface IStragglerListener
{
    void OnStragglerChanged(StragglerChange change);
}
