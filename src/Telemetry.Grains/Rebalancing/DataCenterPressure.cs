using Telemetry.Rebalancing;

namespace Telemetry.Grains.Rebalancing;

/// <summary>The shares the rebalancer compares with its thresholds, from one data center's signals.</summary>
public readonly record struct DataCenterPressure(string Id, double FreeShare, double BadShare, double ReportingShare, int FreeGpus)
{
    /// <summary>How much a data center wants work to leave: the larger of its used share and its degraded-or-worse share.</summary>
    public double Pressure => Math.Max(1 - FreeShare, BadShare);

    public static DataCenterPressure Of(DataCenterSignals signals)
    {
        var s = signals.Summary;
        var reporting = s.Gpus - s.GpusByHealth.Offline;
        return new DataCenterPressure(
            s.Id,
            reporting == 0 ? 0 : (double)s.FreeGpus / reporting,
            reporting == 0 ? 0 : (double)(s.GpusByHealth.Degraded + s.GpusByHealth.Unhealthy) / reporting,
            s.Nodes == 0 ? 0 : (double)signals.ReportingNodes / s.Nodes,
            s.FreeGpus);
    }
}
