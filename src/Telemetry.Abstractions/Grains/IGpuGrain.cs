using Orleans.Concurrency;
using Telemetry.Jobs;
using Telemetry.State;

namespace Telemetry.Grains;

/// <summary>One GPU, keyed by its UUID: live state, windows, history and health.</summary>
[Alias("telemetry.IGpuGrain")]
public interface IGpuGrain : IGrainWithStringKey
{
    /// <summary>Applies the GPU's block of a report; a replay of an applied (bootId, seq) changes nothing.</summary>
    [Alias("Apply")]
    Task<GpuBrief> ApplyAsync(GpuReport report);

    /// <summary>The GPU's live state, or null when it has never reported.</summary>
    [Alias("GetSnapshot")]
    Task<GpuSnapshot?> GetSnapshotAsync();

    /// <summary>10-second means and maxima of a field over the last <paramref name="minutes"/> (1–60).</summary>
    [Alias("GetHistory")]
    Task<HistoryPoint[]> GetHistoryAsync(int fieldId, int minutes);

    /// <summary>The node has gone silent: the GPU is offline from <paramref name="since"/> until it reports again.</summary>
    [Alias("MarkOffline")]
    Task<GpuBrief?> MarkOfflineAsync(DateTimeOffset since);

    /// <summary>The GPU's job judges it a straggler (sent each window while it is one): its verdict becomes degraded.</summary>
    [Alias("MarkStraggler"), OneWay]
    Task MarkStragglerAsync(StragglerNote note);

    /// <summary>The GPU's job <paramref name="jobId"/> judges it keeps up again.</summary>
    [Alias("ClearStraggler"), OneWay]
    Task ClearStragglerAsync(string jobId);

    /// <summary>An operator cleared the GPU after a reset: every active rule drops; answers the reasons that were cleared, null when the GPU never reported.</summary>
    [Alias("ClearHealth")]
    Task<string[]?> ClearHealthAsync();
}
