using Telemetry.Wire;

namespace Telemetry.Serialization;

/// <summary>How a <see cref="NodeReport"/> crosses a grain boundary: the wire contract carries no Orleans attributes.</summary>
[GenerateSerializer, Immutable, Alias("telemetry.NodeReport")]
public readonly record struct NodeReportSurrogate(
    [property: Id(0)] string NodeId,
    [property: Id(1)] ulong Seq,
    [property: Id(2)] string BootId,
    [property: Id(3)] GpuSamples[] Gpus,
    [property: Id(4)] IReadOnlyDictionary<string, double> Gauges,
    [property: Id(5)] int SkippedFields,
    [property: Id(6)] string? HostBootId);
