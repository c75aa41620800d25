using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Telemetry.Wire;

namespace Telemetry.Silo.Tests;

/// <summary>Exporter tokens (WIRE.md, Authentication) on a silo with <c>Ingest:TokenSecret</c> set.</summary>
public sealed class IngestTokenTests : IAsyncLifetime
{
    private const string Secret = "a-test-secret-of-sufficient-length";
    private RunningSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await RunningSilo.StartAsync($"--Ingest:TokenSecret={Secret}");

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Ingest_NodeToken_IsAccepted()
    {
        var node = Reports.UniqueNode();

        var response = await PostAsync(IngestTokens.For(Secret, node), Reports.Make(node, 1, Reports.NowMs()));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Ingest_DataCenterToken_CoversEveryNodeInIt()
    {
        var token = IngestTokens.For(Secret, IngestTokens.DataCenterScope("dct"));

        var response = await PostAsync(token, Reports.Make(Reports.UniqueNode("dct"), 1, Reports.NowMs()), Reports.Make(Reports.UniqueNode("dct"), 1, Reports.NowMs()));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Ingest_NoToken_Answers401()
    {
        var response = await PostAsync(null, Reports.Make(Reports.UniqueNode(), 1, Reports.NowMs()));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Ingest_ForgedToken_Answers401()
    {
        var node = Reports.UniqueNode();

        var response = await PostAsync(IngestTokens.For("some-other-secret-entirely", node), Reports.Make(node, 1, Reports.NowMs()));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Ingest_TokenForOneNodeInAMixedBody_Answers403AndAppliesNothing()
    {
        var mine = Reports.UniqueNode();
        var other = Reports.UniqueNode();

        var response = await PostAsync(IngestTokens.For(Secret, mine), Reports.Make(mine, 1, Reports.NowMs()), Reports.Make(other, 1, Reports.NowMs()));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, problem.GetProperty("reportIndex").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await _silo.Http.GetAsync($"/api/v1/nodes/{mine}")).StatusCode);
    }

    private async Task<HttpResponseMessage> PostAsync(string? token, params NodeReport[] reports)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/ingest") { Content = Reports.Content(Reports.Encode(reports)) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await _silo.Http.SendAsync(request);
    }
}
