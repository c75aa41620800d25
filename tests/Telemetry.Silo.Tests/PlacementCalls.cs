using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Telemetry.Silo.Tests;

/// <summary>What placement tests do against a silo: report nodes, wait for their GPUs in the index, place.</summary>
internal static class PlacementCalls
{
    /// <summary>Reports a new node of <paramref name="gpus"/> GPUs, the first <paramref name="busy"/> running a job.</summary>
    public static async Task<string> ReportAsync(HttpClient http, string dc, int gpus, int busy = 0, string model = "NVIDIA B200")
    {
        var node = Reports.UniqueNode(dc);
        var report = Reports.Make(node, 1, Reports.NowMs(), gpus: gpus);
        report = report with { Gpus = [.. report.Gpus.Select((g, i) => (i < busy ? g with { JobId = "busy" } : g) with { Model = model })] };
        var response = await http.PostAsync("/api/v1/ingest", Reports.Content(Reports.Encode(report)));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return node;
    }

    public static Task<int> WaitForFreeAsync(HttpClient http, string dc, int free) => Eventually.GetAsync(
        async () => (await http.GetAsync($"/api/v1/datacenters/{dc}")) is { IsSuccessStatusCode: true } r
            ? (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("freeGpus").GetInt32()
            : -1,
        n => n == free, what: $"{free} free GPUs in {dc}");

    public static async Task<JsonElement> PlaceOkAsync(HttpClient http, object request)
    {
        var response = await http.PostAsJsonAsync("/api/v1/placement", request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }
}
