namespace Telemetry.Grains.Events;

/// <summary>A rebalancing decision as the sink records it (the <c>decision</c> measurement, docs/influxdb-schema.md).</summary>
/// <param name="Id">The decision's id.</param>
/// <param name="At">When it was made or its status last changed.</param>
/// <param name="Kind"><c>shift</c>, <c>migrate</c>, <c>drain</c> or <c>undrain</c>.</param>
/// <param name="From">The data center work leaves (shift, migrate), or the node's data center (drain, undrain).</param>
/// <param name="To">The data center work goes to; null for drain and undrain.</param>
/// <param name="Node">The node drained or undrained; null otherwise.</param>
/// <param name="JobId">The job migrated; null otherwise.</param>
/// <param name="Gpus">GPUs the decision moves or takes out of service.</param>
/// <param name="Reason">Why, in words.</param>
/// <param name="Status">Where it stands, e.g. <c>proposed</c>, <c>applied</c>, <c>cancelled</c>.</param>
public sealed record RebalancingDecisionPoint(
    string Id,
    DateTimeOffset At,
    string Kind,
    string From,
    string? To,
    string? Node,
    string? JobId,
    int Gpus,
    string Reason,
    string Status);
