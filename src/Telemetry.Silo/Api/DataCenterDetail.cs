using Telemetry.State;

namespace Telemetry.Silo.Api;

/// <summary><c>GET /api/v1/datacenters/{dc}</c>: the summary and one page of its nodes.</summary>
public sealed record DataCenterDetail(
    string Id,
    int Nodes,
    int Gpus,
    HealthCounts GpusByHealth,
    int FreeGpus,
    UtilizationSummary Utilization,
    double PowerW,
    double AdmissionWeight,
    int Page,
    int PageSize,
    IReadOnlyList<NodeSummary> NodeList)
{
    public static DataCenterDetail From(DataCenterSummary s, int page, int pageSize, NodeSummary[] nodes) =>
        new(s.Id, s.Nodes, s.Gpus, s.GpusByHealth, s.FreeGpus, s.Utilization, s.PowerW, s.AdmissionWeight, page, pageSize, nodes);
}
