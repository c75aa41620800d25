using Telemetry.Wire;

namespace Telemetry.Serialization;

/// <summary>Converts <see cref="NodeReport"/> to and from its Orleans surrogate.</summary>
[RegisterConverter]
public sealed class NodeReportConverter : IConverter<NodeReport, NodeReportSurrogate>
{
    public NodeReport ConvertFromSurrogate(in NodeReportSurrogate surrogate) => new()
    {
        NodeId = surrogate.NodeId,
        Seq = surrogate.Seq,
        BootId = surrogate.BootId,
        Gpus = surrogate.Gpus,
        Gauges = surrogate.Gauges,
        SkippedFields = surrogate.SkippedFields,
        HostBootId = surrogate.HostBootId,
    };

    public NodeReportSurrogate ConvertToSurrogate(in NodeReport value) =>
        new(value.NodeId, value.Seq, value.BootId, value.Gpus, value.Gauges, value.SkippedFields, value.HostBootId);
}
