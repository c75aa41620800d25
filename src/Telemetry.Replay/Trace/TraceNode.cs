namespace Telemetry.Replay.Trace;

/// <summary>One GPU node of a trace's node list.</summary>
/// <param name="Name">The node's name (<c>sn</c>), e.g. <c>openb-node-0000</c>.</param>
/// <param name="Gpus">GPUs on the node.</param>
/// <param name="Model">The trace's GPU model name, e.g. <c>V100M16</c>.</param>
/// <param name="CpuMilli">CPU capacity, thousandths of a core (not used by GPU-only placement).</param>
/// <param name="MemoryMib">Host memory, MiB (not used by GPU-only placement).</param>
public sealed record TraceNode(string Name, int Gpus, string Model, long CpuMilli, long MemoryMib);
