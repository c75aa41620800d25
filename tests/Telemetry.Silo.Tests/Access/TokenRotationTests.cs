using System.Net;
using System.Net.Http.Headers;
using Telemetry.Wire;

namespace Telemetry.Silo.Tests.Access;

/// <summary>Rotating <c>Ingest:TokenSecret</c>: while <c>Ingest:PreviousTokenSecret</c> holds the old one, tokens of both are accepted.</summary>
public sealed class TokenRotationTests
{
    private const string NewSecret = "the-new-secret-after-rotation";
    private const string OldSecret = "the-old-secret-before-rotation";

    [Fact]
    public async Task Ingest_DuringRotation_TokensOfBothSecretsAreAcceptedAndOthersNot()
    {
        await using var silo = await RunningSilo.StartAsync($"--Ingest:TokenSecret={NewSecret}", $"--Ingest:PreviousTokenSecret={OldSecret}");

        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(silo, NewSecret));
        Assert.Equal(HttpStatusCode.Accepted, await PostAsync(silo, OldSecret));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(silo, "some-third-secret-never-configured"));
    }

    private static async Task<HttpStatusCode> PostAsync(RunningSilo silo, string secret)
    {
        var node = Reports.UniqueNode();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/ingest") { Content = Reports.Content(Reports.Encode(Reports.Make(node, 1, Reports.NowMs()))) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", IngestTokens.For(secret, node));
        return (await silo.Http.SendAsync(request)).StatusCode;
    }
}
