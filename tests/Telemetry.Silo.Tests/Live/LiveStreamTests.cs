using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemetry.Grains.Live;
using Telemetry.Live;
using Telemetry.Silo.Live;

namespace Telemetry.Silo.Tests.Live;

[Collection(SiloCollection.Name)]
public sealed class LiveStreamTests(SiloFixture silo)
{
    private sealed record SyntheticDecision(string Id, DateTimeOffset At, string Kind, string From, string To, string Reason, string Status);

    private static SyntheticDecision Decision(string reason) =>
        new($"d-{Guid.NewGuid():N}", DateTimeOffset.UtcNow, "shift", "dc1", "dc2", reason, "proposed");

    private static JsonElement Json(ServerSentEvent e) => JsonDocument.Parse(e.Data).RootElement;

    private static bool IsDecision(ServerSentEvent e, SyntheticDecision d) =>
        e.Name == LiveEventKinds.Decision && Json(e).GetProperty("id").GetString() == d.Id;

    private LiveFeedWriter Writer => silo.Services.GetRequiredService<LiveFeedWriter>();

    [Fact]
    public async Task Stream_DecisionPosted_ReachesAConnectedClientWithAnId()
    {
        await using var stream = await StreamReader.OpenAsync(silo.Http);
        var decision = Decision("dc1 runs hot");

        Writer.PostDecision(decision, ["dc1"]);

        var e = await stream.NextAsync(e => IsDecision(e, decision), what: "the synthetic decision");
        Assert.NotNull(e.Id);
        var body = Json(e);
        Assert.Equal("shift", body.GetProperty("kind").GetString());
        Assert.Equal("dc1 runs hot", body.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Stream_Xid79ThroughIngest_ArrivesAsHealthEventsWithReasonsAndActions()
    {
        await using var stream = await StreamReader.OpenAsync(silo.Http);
        var node = Reports.UniqueNode();
        var uuid = Reports.GpuUuid(node, 0);

        var answer = await silo.Http.PostAsync("/api/v1/ingest", Reports.Content(Reports.Encode(Reports.Make(node, 1, Reports.NowMs(), xids: [79]))));
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);

        var gpu = Json(await stream.NextAsync(e => e.Name == LiveEventKinds.Health && Json(e).GetProperty("id").GetString() == uuid, what: "the GPU's health event"));
        Assert.Equal("gpu", gpu.GetProperty("subject").GetString());
        Assert.Equal(node, gpu.GetProperty("node").GetString());
        Assert.Equal("dct", gpu.GetProperty("dataCenter").GetString());
        Assert.Equal("healthy", gpu.GetProperty("from").GetString());
        Assert.Equal("unhealthy", gpu.GetProperty("to").GetString());
        Assert.Contains(gpu.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("79", StringComparison.Ordinal));
        Assert.NotEmpty(gpu.GetProperty("recommendedActions").EnumerateArray());

        var nodeChange = Json(await stream.NextAsync(e => e.Name == LiveEventKinds.Health && Json(e).GetProperty("id").GetString() == node, what: "the node's health event"));
        Assert.Equal("node", nodeChange.GetProperty("subject").GetString());
        Assert.Equal("unhealthy", nodeChange.GetProperty("to").GetString());
    }

    [Fact]
    public async Task Stream_LastEventId_ResumesRightAfterThatEvent()
    {
        var first = Decision("first");
        var second = Decision("second");
        long firstId;
        await using (var stream = await StreamReader.OpenAsync(silo.Http))
        {
            Writer.PostDecision(first, ["dc1"]);
            firstId = (await stream.NextAsync(e => IsDecision(e, first), what: "the first decision")).Id!.Value;
        }

        // Posted while no client of this test is connected: only the feed can hand it over.
        Writer.PostDecision(second, ["dc1"]);
        var feed = silo.Services.GetRequiredService<IGrainFactory>().GetGrain<Telemetry.Grains.ILiveFeedGrain>(Telemetry.Grains.ILiveFeedGrain.Key);
        await Eventually.GetAsync(() => feed.ReadAsync(firstId, 1000), p => p.Events.Any(e => e.Json.Contains(second.Id, StringComparison.Ordinal)), what: "the second decision in the feed");

        await using var resumed = await StreamReader.OpenAsync(silo.Http, lastEventId: firstId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var next = await resumed.NextAsync(e => e.Id is not null, what: "the first event after the resume point");

        Assert.True(next.Id > firstId);
        var after = next;
        while (!IsDecision(after, second))
        {
            Assert.False(IsDecision(after, first), "the event before Last-Event-ID came again");
            after = await resumed.NextAsync(e => e.Id is not null, what: "the second decision");
        }
    }

    [Fact]
    public async Task Stream_Recent_StartsWithTheNewestEvents()
    {
        var decision = Decision("recent");
        await using (var stream = await StreamReader.OpenAsync(silo.Http))
        {
            Writer.PostDecision(decision, ["dc1"]);
            await stream.NextAsync(e => IsDecision(e, decision), what: "the decision, live");
        }

        await using var fresh = await StreamReader.OpenAsync(silo.Http, "/api/v1/stream?recent=500");
        var again = await fresh.NextAsync(e => IsDecision(e, decision), what: "the decision, from the recent backlog");

        Assert.NotNull(again.Id);
    }

    [Fact]
    public async Task Stream_SendsASummaryOfEveryDataCenter()
    {
        await silo.Http.PostAsync("/api/v1/ingest", Reports.Content(Reports.Encode(Reports.Make(Reports.UniqueNode(), 1, Reports.NowMs()))));
        await using var stream = await StreamReader.OpenAsync(silo.Http);

        var summary = Json(await stream.NextAsync(e => e.Name == LiveEventKinds.Summary && e.Data.Contains("\"dct\"", StringComparison.Ordinal), what: "a summary listing dct"));

        Assert.Null((await stream.NextAsync(e => e.Name == LiveEventKinds.Summary, what: "the next summary")).Id);
        var fleet = summary.GetProperty("fleet");
        var dct = fleet.GetProperty("dataCenters").EnumerateArray().Single(d => d.GetProperty("id").GetString() == "dct");
        Assert.True(dct.GetProperty("gpus").GetInt32() >= 2);
        Assert.True(fleet.GetProperty("gpus").GetInt32() >= dct.GetProperty("gpus").GetInt32());
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("501")]
    public async Task Stream_RecentOutOfRange_IsProblemNamingTheRange(string recent)
    {
        var answer = await silo.Http.GetAsync($"/api/v1/stream?recent={recent}");

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        Assert.Contains("0–500", (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_SiloStopping_EndsTheStreamInsteadOfHoldingUpShutdown()
    {
        var stopping = await RunningSilo.StartAsync();
        await using var stream = await StreamReader.OpenAsync(stopping.Http);
        var decision = Decision("before the stop");
        stopping.Services.GetRequiredService<LiveFeedWriter>().PostDecision(decision, ["dc1"]);
        await stream.NextAsync(e => IsDecision(e, decision), what: "a decision while running");

        // Shutdown waits up to 30 s for open requests; the stream must end well within the reader's deadline instead.
        var stopped = stopping.DisposeAsync().AsTask();
        var ended = await Assert.ThrowsAsync<InvalidOperationException>(() => stream.NextAsync(_ => false, what: "the end of the stream"));

        Assert.Contains("ended", ended.Message, StringComparison.Ordinal);
        await stopped;
    }

    [Fact]
    public async Task Stream_QuietForLongerThanTheHeartbeat_SendsCommentLines()
    {
        await using var quiet = await RunningSilo.StartAsync("--Live:HeartbeatInterval=00:00:00.200", "--Live:SummaryInterval=00:01:00");
        await using var stream = await StreamReader.OpenAsync(quiet.Http);
        var decision = Decision("after the quiet");

        await Task.Delay(TimeSpan.FromSeconds(1));
        quiet.Services.GetRequiredService<LiveFeedWriter>().PostDecision(decision, ["dc1"]);
        await stream.NextAsync(e => IsDecision(e, decision), what: "the decision after the quiet spell");

        Assert.Contains("heartbeat", stream.Comments);
    }
}
