using System.Net.Http.Json;
using System.Text.Json;
using Telemetry.Fields;

namespace Telemetry.Silo.Tests;

/// <summary>A job of eight GPUs on two nodes of data center <c>dct</c>, reported through ingest, whose GPU 3 of the second node lags on sm_active.</summary>
internal static class StragglingJob
{
    /// <summary>The straggler's reason once three windows in a row lagged.</summary>
    public const string Reason = "sm_active 0.35 vs job median 0.90 for 30 s";

    /// <summary>
    /// Seven 10-second buckets a node at 1 Hz, ending now, <paramref name="bucketsPerReport"/> buckets a report: every report
    /// closes the buckets before its newest.
    /// </summary>
    public static async Task<(string Job, string[] Nodes, string Straggler)> ReportAsync(HttpClient http, int bucketsPerReport = 1)
    {
        var job = $"job-{Guid.NewGuid():N}";
        var nodes = new[] { Reports.UniqueNode(), Reports.UniqueNode() };
        var reports = (7 + bucketsPerReport - 1) / bucketsPerReport;
        var first = ((Reports.NowMs() / 10_000) - (reports * bucketsPerReport)) * 10_000;
        for (var k = 0; k < reports; k++)
        {
            for (var n = 0; n < nodes.Length; n++)
            {
                var slowNode = n == 1;
                var newestMs = first + (((k + 1) * bucketsPerReport) - 1) * 10_000 + 9_000;
                var report = Reports.Make(nodes[n], (ulong)(k + 1), newestMs, gpus: 4, samples: 10 * bucketsPerReport, jobId: job,
                    value: (g, s, f) => f == FieldCatalog.SmActive ? (slowNode && g == 3 ? 0.35 : 0.9) : Reports.DefaultValue(g, s, f));
                var answer = await http.PostAsync("/api/v1/ingest", Reports.Content(Reports.Encode(report)));
                Assert.True(answer.IsSuccessStatusCode, $"ingest answered {answer.StatusCode}");
            }
        }

        return (job, nodes, Reports.GpuUuid(nodes[1], 3));
    }

    /// <summary>The answer's JSON, or null while it is a 404; any other failure throws.</summary>
    public static async Task<JsonElement?> FoundOrNullAsync(HttpClient http, string path)
    {
        using var answer = await http.GetAsync(new Uri(path, UriKind.Relative));
        return answer.StatusCode == System.Net.HttpStatusCode.NotFound ? null : await answer.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
    }
}
