using Telemetry.Fields;
using Telemetry.Grains.Events;

namespace Telemetry.Sink.Tests;

/// <summary>Rollups whose every value follows from (GPU, bucket, field), so a reader can check each one it gets back.</summary>
internal static class TestRollups
{
    /// <summary>A recent bucket (VictoriaMetrics drops points outside its retention), a multiple of 10 s.</summary>
    public static long FirstBucketMs { get; } = (DateTimeOffset.UtcNow.AddMinutes(-30).ToUnixTimeMilliseconds() / 10_000) * 10_000;

    public static string Uuid(int gpu) => $"GPU-{gpu:D4}aaaa-bbbb-cccc-dddd-eeeeeeeeeeee";

    public static string Node(int gpu) => $"dc{(gpu / 16) % 3}/node-{gpu / 8:D4}";

    public static GpuRollup For(int gpu, int bucket)
    {
        var means = new double[FieldCatalog.Count];
        var maxes = new double[FieldCatalog.Count];
        for (var c = 0; c < FieldCatalog.Count; c++)
        {
            means[c] = Mean(gpu, bucket, c);
            maxes[c] = means[c] + 0.5;
        }

        // One field not measured in this bucket: it must be left out, not written as NaN.
        means[FieldCatalog.RowRemapFailure - 1] = maxes[FieldCatalog.RowRemapFailure - 1] = double.NaN;
        var node = Node(gpu);
        return new GpuRollup
        {
            Uuid = Uuid(gpu),
            Node = node,
            DataCenter = node[..node.IndexOf('/', StringComparison.Ordinal)],
            Model = "NVIDIA H200",
            JobId = bucket % 2 == 0 ? $"job-{gpu}-{bucket}" : null,
            BucketStartMs = FirstBucketMs + (bucket * 10_000L),
            Samples = 10,
            Means = means,
            Maxes = maxes,
        };
    }

    /// <summary>Exact in binary (quarters), so the value read back equals the value written.</summary>
    public static double Mean(int gpu, int bucket, int column) => (gpu * 1000) + (bucket * 10) + column + 0.25;
}
