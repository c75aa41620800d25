using System.Buffers;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Telemetry.Fields;
using Telemetry.Wire;

namespace Telemetry.Cluster.Tests;

/// <summary>
/// Exporters as WIRE.md asks: per node one body in flight, reports in seq order, each retried unchanged on
/// other silos (connection refused, 503, 429, timeouts) until a 202 or another 4xx. Records every answer.
/// </summary>
internal sealed class ExporterLoop(IReadOnlyList<Uri> silos, int nodes, int gpus, int samples, TimeSpan interval)
{
    public const int UnhealthyGpuIndex = 0;

    // Shared by every loop of the test run, as one exporter process would share its connections.
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    public NodeLedger[] Nodes { get; } =
        [.. Enumerable.Range(0, nodes).Select(i => new NodeLedger($"dcc/n{i:D3}", i % silos.Count))];

    /// <summary>Nodes whose first report carries XID 79 on GPU 0, so that GPU is unhealthy from the start.</summary>
    public HashSet<int> FaultyNodes { get; } = [];

    public static string GpuUuid(string nodeId, int index) => $"GPU-{nodeId.Replace('/', '-')}-{index:D2}";

    public Task RunAsync(CancellationToken stop) => Task.WhenAll(Nodes.Select((n, i) => RunNodeAsync(n, i, stop)));

    private async Task RunNodeAsync(NodeLedger node, int index, CancellationToken stop)
    {
        var bootId = Guid.NewGuid().ToString();
        for (ulong seq = 1; !stop.IsCancellationRequested; seq++)
        {
            var body = Encode(node.NodeId, bootId, seq, seq == 1 && FaultyNodes.Contains(index));
            if (!await DeliverAsync(node, body, stop))
            {
                return;
            }

            node.Delivered++;
            try
            {
                await Task.Delay(interval, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<bool> DeliverAsync(NodeLedger node, byte[] body, CancellationToken stop)
    {
        for (var attempt = 0; ; attempt++)
        {
            var silo = silos[(node.Home + attempt) % silos.Count];
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue(WireContentTypes.MessagePack);
            try
            {
                using var response = await Http.PostAsync(new Uri(silo, "/api/v1/ingest"), content, CancellationToken.None);
                var status = (int)response.StatusCode;
                if (status == 202)
                {
                    var answer = await response.Content.ReadFromJsonAsync<Answer>(CancellationToken.None);
                    node.Applied += answer!.Reports;
                    node.Duplicates += answer.Duplicates;
                    node.LastAcceptedAt = DateTime.UtcNow;
                    return true;
                }

                node.Failures.AddOrUpdate(status.ToString(System.Globalization.CultureInfo.InvariantCulture), 1, (_, n) => n + 1);
                if (status is >= 400 and < 500 and not 429)
                {
                    return true;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                node.Failures.AddOrUpdate(e is HttpRequestException ? "refused" : "timeout", 1, (_, n) => n + 1);
            }

            if (attempt > 2000)
            {
                return false;
            }

            // Jittered back-off before the next silo; the same body, unchanged.
            await Task.Delay(TimeSpan.FromMilliseconds(50 + Random.Shared.Next(100)), CancellationToken.None);
            if (stop.IsCancellationRequested && attempt > 200)
            {
                return false;
            }
        }
    }

    private byte[] Encode(string nodeId, string bootId, ulong seq, bool faulty)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var blocks = new GpuSamples[gpus];
        for (var g = 0; g < gpus; g++)
        {
            var ts = new long[samples];
            var values = new double[samples * FieldCatalog.Count];
            for (var s = 0; s < samples; s++)
            {
                ts[s] = now - ((samples - 1 - s) * 10);
                for (var f = 1; f <= FieldCatalog.Count; f++)
                {
                    values[(s * FieldCatalog.Count) + f - 1] = f switch
                    {
                        FieldCatalog.GpuUtilPct => 50,
                        FieldCatalog.PowerW => 400,
                        FieldCatalog.GpuTempC => 50,
                        _ => 0,
                    };
                }
            }

            blocks[g] = new GpuSamples
            {
                Index = g,
                Uuid = GpuUuid(nodeId, g),
                Model = "NVIDIA B200",
                Timestamps = ts,
                Values = values,
                Xids = faulty && g == UnhealthyGpuIndex ? [79] : [],
            };
        }

        var buffer = new ArrayBufferWriter<byte>();
        NodeReportWriter.Write(buffer, new NodeReport { NodeId = nodeId, Seq = seq, BootId = bootId, Gpus = blocks });
        return buffer.WrittenSpan.ToArray();
    }

    private sealed record Answer(int Reports, int Samples, int Duplicates);
}
