using System.Net.Http.Json;
using System.Text.Json;
using Telemetry.Fields;

namespace Telemetry.Silo.Tests;

/// <summary>A job of eight GPUs on two nodes of data center <c>dct</c>, reported through ingest, whose GPU 3 of the second node lags on sm_active.</summary>
internal static class StragglingJob
{
    /// <summary>The straggler's reason once three windows in a row lagged.</summary>
    public const string Reason = "sm_active 0.35 vs job median 0.90 for 30 s";

    /// <summary>Seven reports a node, each ten samples of one 10-second bucket, ending now: every report closes the bucket before it.</summary>
    public static async Task<(string Job, string[] Nodes, string Straggler)> ReportAsync(HttpClient http)
    {
        var job = $"job-{Guid.NewGuid():N}";
        var nodes = new[] { Reports.UniqueNode(), Reports.UniqueNode() };
        var first = ((Reports.NowMs() / 10_000) - 7) * 10_000;
        for (var k = 0; k < 7; k++)
        {
            for (var n = 0; n < nodes.Length; n++)
            {
                var slowNode = n == 1;
                var report = Reports.Make(nodes[n], (ulong)(k + 1), first + (k * 10_000) + 9_000, gpus: 4, jobId: job,
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
