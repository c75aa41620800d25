using Telemetry.Jobs;

namespace Telemetry.Grains.Tests.Jobs;

/// <summary>Hand-made job windows: a GPU of a busy training job, with what a test changes.</summary>
internal static class TrainingWindows
{
    public static JobWindow Busy(int gpu, long bucket, double scale = 1) => new()
    {
        Uuid = Uuid(gpu),
        Node = $"dc1/node-{gpu / 8:D4}",
        BucketStartMs = bucket * 10_000,
        SmActive = 0.9 * scale,
        GpuUtilPct = 98,
        PowerW = 900 * scale,
        SmClockMhz = 1950 * scale,
        NvlinkBytesPerSec = 300e9 * scale,
        PcieBytesPerSec = 20e9 * scale,
        GpuTempC = 70,
        MemTempC = 75,
    };

    public static string Uuid(int gpu) => $"GPU-{gpu:D2}";

    /// <summary>One bucket of a job of <paramref name="gpus"/> GPUs, each window passed through <paramref name="change"/>.</summary>
    public static IEnumerable<JobWindow> Bucket(int gpus, long bucket, Func<int, JobWindow, JobWindow>? change = null) =>
        Enumerable.Range(0, gpus).Select(g => change is null ? Busy(g, bucket) : change(g, Busy(g, bucket)));
}
