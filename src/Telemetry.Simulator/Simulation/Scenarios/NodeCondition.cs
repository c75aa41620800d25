namespace Telemetry.Exporter.Simulation.Scenarios;

/// <summary>What a scenario imposes on one node at one time.</summary>
/// <param name="BusyShare">Share of the node's GPUs kept busy; null leaves jobs to the job planner.</param>
/// <param name="Throttled">Every GPU throttles for heat.</param>
/// <param name="StruckByXid">GPU 0 has been lost to XID 79 (from the first report at or after the strike on).</param>
/// <param name="Silent">The node sends nothing.</param>
/// <param name="Straggler">A GPU of one of the node's jobs of 4 GPUs or more gets this straggler fault; null for none.</param>
public readonly record struct NodeCondition(double? BusyShare, bool Throttled, bool StruckByXid, bool Silent, StragglerKind? Straggler = null)
{
    public static NodeCondition Normal => default;
}
