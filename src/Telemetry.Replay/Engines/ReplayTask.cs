using Telemetry.Replay.Trace;

namespace Telemetry.Replay.Engines;

/// <summary>A task as one replay runs it: its trace row under an id of its own, and its tenant.</summary>
/// <param name="Id">Unique within the run: the trace name, suffixed <c>-r1</c>, <c>-r2</c>… when the trace starts again.</param>
/// <param name="Trace">The trace row.</param>
/// <param name="Tenant">The tenant it runs for, or null.</param>
public sealed record ReplayTask(string Id, TraceTask Trace, string? Tenant)
{
    /// <summary>GPU demand, thousandths.</summary>
    public long DemandMilli => Trace.DemandMilli;
}
