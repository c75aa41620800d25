using Telemetry.State;

namespace Telemetry.Silo.Api;

/// <summary><c>GET /api/v1/fleet</c>: totals over every data center, and the data centers.</summary>
/// <param name="DataCenterCount">Data centers with reporting nodes.</param>
/// <param name="Nodes">Nodes, every data center.</param>
/// <param name="Gpus">GPUs, every data center.</param>
/// <param name="GpusByHealth">GPUs by health state.</param>
/// <param name="FreeGpus">GPUs healthy, reporting and without a job.</param>
/// <param name="UtilizationMean">Mean utilization over every reporting GPU, percent.</param>
/// <param name="PowerW">Summed newest power draw, W.</param>
/// <param name="DataCenters">Each data center's summary.</param>
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
