using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Telemetry.Silo.Tests.Live;

[Collection(SiloCollection.Name)]
public sealed class DataCenterGpusTests(SiloFixture silo)
{
    [Fact]
    public async Task DataCenterGpus_ListsEachGpuOfEachNodeWithHealthAndUtilization()
    {
        var dc = $"heat{Guid.NewGuid():N}"[..12];
        var node = Reports.UniqueNode(dc);
        await silo.Http.PostAsync("/api/v1/ingest", Reports.Content(Reports.Encode(Reports.Make(node, 1, Reports.NowMs(), gpus: 3, xids: [79]))));

        var body = await Eventually.GetAsync(
            async () => await silo.Http.GetAsync($"/api/v1/datacenters/{dc}/gpus"),
            r => r.StatusCode == HttpStatusCode.OK,
            what: "the data center to be listed");
        var answer = await body.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(dc, answer.GetProperty("dataCenter").GetString());
        var entry = Assert.Single(answer.GetProperty("nodes").EnumerateArray());
        Assert.Equal(node, entry.GetProperty("id").GetString());
        Assert.Equal("unhealthy", entry.GetProperty("health").GetString());
        Assert.False(entry.TryGetProperty("gpus", out _), "cells are named by node and index; UUIDs would outgrow the answer");
        Assert.Equal(["unhealthy", "healthy", "healthy"], entry.GetProperty("states").EnumerateArray().Select(s => s.GetString()));

        // Newest sample (s = 9) of GPU g has gpu_util_pct 40 + g + 9.
        Assert.Equal([49.0, 50, 51], entry.GetProperty("utilPct").EnumerateArray().Select(u => u.GetDouble()));
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task DataCenterGpus_CallerAcceptsACoding_AnswerAndProblemComeCompressed(string coding)
    {
        var dc = $"zip{Guid.NewGuid():N}"[..12];
        await silo.Http.PostAsync("/api/v1/ingest", Reports.Content(Reports.Encode(Reports.Make(Reports.UniqueNode(dc), 1, Reports.NowMs(), gpus: 8))));
        await Eventually.GetAsync(async () => await silo.Http.GetAsync($"/api/v1/datacenters/{dc}/gpus"), r => r.StatusCode == HttpStatusCode.OK, what: "the data center to be listed");

        foreach (var path in new[] { $"/api/v1/datacenters/{dc}/gpus", "/api/v1/datacenters/nowhere/gpus" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("Accept-Encoding", coding);
            using var answer = await silo.Http.SendAsync(request);

            Assert.Equal([coding], answer.Content.Headers.ContentEncoding);
        }
    }

    [Fact]
    public async Task DataCenterGpus_UnknownDataCenter_IsProblemListingTheKnownOnes()
    {
        var answer = await silo.Http.GetAsync("/api/v1/datacenters/nowhere/gpus");

        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Known:", (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Root_ServesTheDashboardPage()
    {
        var page = await silo.Http.GetStringAsync("/");

        Assert.Contains("<main id=\"view\"", page, StringComparison.Ordinal);
        Assert.Contains("js/app.js", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await silo.Http.GetAsync("/vendor/uplot/uPlot.esm.js")).StatusCode);
    }
}
