using System.Buffers;
using System.Net.Http.Headers;
using Telemetry.Fields;
using Telemetry.Wire;

namespace Telemetry.Silo.Tests;

/// <summary>Builds node reports and wire bodies for tests, with values from a formula so expectations can be computed.</summary>
internal static class Reports
{
    private static int _counter;

    /// <summary>A node id no other test uses.</summary>
    public static string UniqueNode(string dc = "dct") => $"{dc}/n{Interlocked.Increment(ref _counter):D5}-{Guid.NewGuid():N}"[..40];

    public static string GpuUuid(string nodeId, int index) => $"GPU-{Math.Abs(nodeId.GetHashCode(StringComparison.Ordinal)):x8}-0000-0000-0000-{index:D12}";

    /// <summary>
    /// A report of <paramref name="gpus"/> GPUs with <paramref name="samples"/> samples each, one second apart, the newest
    /// at <paramref name="newestMs"/>; value of field f in sample s of GPU g is <paramref name="value"/>(g, s, f).
    /// </summary>
    public static NodeReport Make(
        string nodeId, ulong seq, long newestMs, int gpus = 2, int samples = 10, Func<int, int, int, double>? value = null,
        string bootId = "6f1c2f9e-0000-4000-8000-000000000001", int[]? xids = null, string? jobId = null, int stepMs = 1000, string? hostBootId = null)
    {
        value ??= DefaultValue;
        var blocks = new GpuSamples[gpus];
        for (var g = 0; g < gpus; g++)
        {
            var ts = new long[samples];
            var values = new double[samples * FieldCatalog.Count];
            for (var s = 0; s < samples; s++)
            {
                ts[s] = newestMs - ((samples - 1 - s) * stepMs);
                for (var f = 1; f <= FieldCatalog.Count; f++)
                {
                    values[(s * FieldCatalog.Count) + f - 1] = value(g, s, f);
                }
            }

            blocks[g] = new GpuSamples
            {
                Index = g,
                Uuid = GpuUuid(nodeId, g),
                Model = "NVIDIA B200",
                JobId = jobId,
                Timestamps = ts,
                Values = values,
                Xids = g == 0 && xids is not null ? xids : [],
            };
        }

        return new NodeReport { NodeId = nodeId, Seq = seq, BootId = bootId, Gpus = blocks, HostBootId = hostBootId };
    }

    /// <summary>Healthy, plausible values; counters and flags zero.</summary>
    public static double DefaultValue(int gpu, int sample, int field) => field switch
    {
        FieldCatalog.GpuUtilPct => 40 + gpu + sample,
        FieldCatalog.GpuTempC => 50 + (sample % 3),
        FieldCatalog.PowerW => 500.5 + (10 * sample),
        FieldCatalog.FbTotalMib => 183359,
        FieldCatalog.FbUsedMib => 1000 * (gpu + 1),
        FieldCatalog.ClockEventReasons or FieldCatalog.EccSbeDelta or FieldCatalog.EccDbeDelta or FieldCatalog.RowRemapPending
            or FieldCatalog.RowRemapFailure or FieldCatalog.NvlinkCrcErrorsDelta or FieldCatalog.PcieReplayDelta => 0,
        _ => (field * 1.25) + sample,
    };

    public static long NowMs() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    public static byte[] Encode(params NodeReport[] reports)
    {
        var buffer = new ArrayBufferWriter<byte>();
        foreach (var report in reports)
        {
            NodeReportWriter.Write(buffer, report);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static ByteArrayContent Content(byte[] body, string contentType = WireContentTypes.MessagePack, string? encoding = null)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        if (encoding is not null)
        {
            content.Headers.ContentEncoding.Add(encoding);
        }

        return content;
    }
}
