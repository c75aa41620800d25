using System.Net.Http.Json;
using System.Text.Json;

namespace Telemetry.Silo.Tests;

[Collection(SiloCollection.Name)]
public sealed class OpenApiDocumentTests(SiloFixture silo)
{
    [Fact]
    public async Task Document_DeclaresApiKeysAndIngestTokens()
    {
        var document = await silo.Http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty("apiKey").GetProperty("scheme").GetString());
        Assert.Equal("bearer", schemes.GetProperty("ingestToken").GetProperty("scheme").GetString());
        Assert.True(Operation(document, "/api/v1/ingest", "post").GetProperty("security")[0].TryGetProperty("ingestToken", out _));
        Assert.True(Operation(document, "/api/v1/fleet", "get").GetProperty("security")[0].TryGetProperty("apiKey", out _));
    }

    [Theory]
    [InlineData("/api/v1/ingest", "application/x-msgpack")]
    [InlineData("/api/v2/write", "text/plain")]
    public async Task Document_IngestDoors_DeclareTheirBodies(string path, string mediaType)
    {
        var document = await silo.Http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var body = Operation(document, path, "post").GetProperty("requestBody");
        Assert.True(body.GetProperty("required").GetBoolean());
        Assert.True(body.GetProperty("content").TryGetProperty(mediaType, out _));
    }

    [Fact]
    public async Task Document_EveryApiOperation_ListsAnErrorAnswer()
    {
        var document = await silo.Http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var without = document.GetProperty("paths").EnumerateObject()
            .Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (Path: p.Name, Method: o.Name, Operation: o.Value)))
            .Where(o => !o.Operation.GetProperty("responses").EnumerateObject().Any(r => r.Name.StartsWith('4')))
            .Select(o => $"{o.Method} {o.Path}");
        Assert.Empty(without);
        Assert.True(Operation(document, "/readyz", "get").GetProperty("responses").TryGetProperty("503", out _));
    }

    [Theory]
    [InlineData("/api/v1/fleet", "get")]
    [InlineData("/api/v1/placement", "post")]
    public async Task Document_GrainBackedOperation_DeclaresTheFailover503(string path, string method)
    {
        var document = await silo.Http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var responses = Operation(document, path, method).GetProperty("responses");
        Assert.True(responses.TryGetProperty("503", out var unavailable));
        Assert.True(unavailable.GetProperty("content").TryGetProperty("application/problem+json", out _));
    }

    private static JsonElement Operation(JsonElement document, string path, string method) =>
        document.GetProperty("paths").GetProperty(path).GetProperty(method);
}
