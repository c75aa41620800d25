using Telemetry.Rebalancing;

namespace Telemetry.Grains.Rebalancing;

/// <summary>
/// The shares the rebalancer compares with its thresholds, from one data center's signals. The free share counts the room
/// on shared GPUs with the whole free ones (it is the capacity not allocated); <see cref="FreeGpus"/>, what a move may
/// take, counts whole GPUs only.
/// </summary>
public readonly record struct DataCenterPressure(
    string Id, double FreeShare, double BadShare, double ReportingShare, int FreeGpus, int ReportingGpus, DataCenterSignals Signals)
{
    /// <summary>How much a data center wants work to leave: the larger of its used share and its degraded-or-worse share.</summary>
    public double Pressure => Math.Max(1 - FreeShare, BadShare);

    public static DataCenterPressure Of(DataCenterSignals signals)
    {
        var s = signals.Summary;
        var reporting = s.Gpus - s.GpusByHealth.Offline;
        return new DataCenterPressure(
            s.Id,
            reporting == 0 ? 0 : (s.FreeGpus + signals.SharedFreeGpus) / reporting,
            reporting == 0 ? 0 : (double)(s.GpusByHealth.Degraded + s.GpusByHealth.Unhealthy) / reporting,
            s.Nodes == 0 ? 0 : (double)signals.ReportingNodes / s.Nodes,
            s.FreeGpus,
            reporting,
            signals);
    }
}
