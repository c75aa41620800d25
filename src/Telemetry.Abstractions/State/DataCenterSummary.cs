namespace Telemetry.State;

/// <summary>A data center in summary (API.md, <c>GET /api/v1/datacenters</c>).</summary>
[GenerateSerializer, Immutable, Alias("telemetry.DataCenterSummary")]
public sealed record DataCenterSummary
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public int Nodes { get; init; }
    [Id(2)] public int Gpus { get; init; }
    [Id(3)] public required HealthCounts GpusByHealth { get; init; }
    [Id(4)] public int FreeGpus { get; init; }
    [Id(5)] public required UtilizationSummary Utilization { get; init; }
    [Id(6)] public double PowerW { get; init; }

    /// <summary>The share of new work the rebalancer admits here; 1 until it decides otherwise.</summary>
    [Id(7)] public double AdmissionWeight { get; init; } = 1.0;
}
