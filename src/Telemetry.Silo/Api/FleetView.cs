using Telemetry.State;

namespace Telemetry.Silo.Api;

/// <summary><c>GET /api/v1/fleet</c>: totals over every data center, and the data centers.</summary>
/// <param name="UtilizationMean">Mean utilization over every GPU that measured it, percent.</param>
public sealed record FleetView(
    int DataCenterCount,
    int Nodes,
    int Gpus,
    HealthCounts GpusByHealth,
    int FreeGpus,
    double UtilizationMean,
    double PowerW,
    IReadOnlyList<DataCenterSummary> DataCenters)
{
    public static FleetView From(IReadOnlyList<DataCenterSummary> dataCenters)
    {
        var counts = HealthCounts.Zero;
        double weighted = 0;
        var measured = 0;
        foreach (var dc in dataCenters)
        {
            counts = counts.Add(dc.GpusByHealth);
            var reporting = dc.GpusByHealth.Total - dc.GpusByHealth.Offline;
            weighted += dc.Utilization.Mean * reporting;
            measured += reporting;
        }

        return new FleetView(
            dataCenters.Count,
            dataCenters.Sum(d => d.Nodes),
            counts.Total,
            counts,
            dataCenters.Sum(d => d.FreeGpus),
            measured == 0 ? 0 : weighted / measured,
            dataCenters.Sum(d => d.PowerW),
            dataCenters);
    }
}
