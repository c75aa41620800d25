using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Telemetry.Silo.Tests.Access;

/// <summary>API keys and roles (API.md, Access) on a silo with keys configured.</summary>
public sealed class ApiAccessTests(KeyedSiloFixture fixture) : IClassFixture<KeyedSiloFixture>
{
    private HttpClient Http => fixture.Silo.Http;

    [Theory]
    [InlineData("/api/v1/fleet")]
    [InlineData("/api/v1/datacenters")]
    [InlineData("/api/v1/nodes/dc1/node-0001")]
    [InlineData("/api/v1/gpus/GPU-1")]
    [InlineData("/api/v1/not-yet-written")]
    public async Task Get_NoKey_Answers401ProblemWithBearerChallenge(string path)
    {
        var response = await TestKeys.SendAsync(Http, HttpMethod.Get, path, key: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Contains("Authorization: Bearer", await DetailAsync(response), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-a-key-of-this-cluster")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task Get_UnknownKey_Answers401(string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/fleet");
        request.Headers.TryAddWithoutValidation("Authorization", key.StartsWith("Basic", StringComparison.Ordinal) ? key : $"Bearer {key}");

        var response = await Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(TestKeys.Viewer)]
    [InlineData(TestKeys.Scheduler)]
    [InlineData(TestKeys.Operator)]
    [InlineData(TestKeys.Admin)]
    public async Task Get_AnyRole_IsAllowed(string key)
    {
        var response = await TestKeys.SendAsync(Http, HttpMethod.Get, "/api/v1/fleet", key);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("POST", "/api/v1/test/scheduler", TestKeys.Viewer, HttpStatusCode.Forbidden)]
    [InlineData("POST", "/api/v1/test/scheduler", TestKeys.Scheduler, HttpStatusCode.OK)]
    [InlineData("POST", "/api/v1/test/scheduler", TestKeys.Operator, HttpStatusCode.OK)]
    [InlineData("POST", "/api/v1/test/scheduler", TestKeys.Admin, HttpStatusCode.OK)]
    [InlineData("PUT", "/api/v1/test/operator", TestKeys.Viewer, HttpStatusCode.Forbidden)]
    [InlineData("PUT", "/api/v1/test/operator", TestKeys.Scheduler, HttpStatusCode.Forbidden)]
    [InlineData("PUT", "/api/v1/test/operator", TestKeys.Operator, HttpStatusCode.OK)]
    [InlineData("PUT", "/api/v1/test/operator", TestKeys.Admin, HttpStatusCode.OK)]
    [InlineData("POST", "/api/v1/test/unmarked", TestKeys.Operator, HttpStatusCode.Forbidden)]
    [InlineData("POST", "/api/v1/test/unmarked", TestKeys.Admin, HttpStatusCode.OK)]
    [InlineData("POST", "/api/v1/test/scheduler", null, HttpStatusCode.Unauthorized)]
    public async Task Change_RolesNest_EachEndpointNeedsItsRoleOrAbove(string method, string path, string? key, HttpStatusCode expected)
    {
        var response = await TestKeys.SendAsync(Http, new HttpMethod(method), path, key);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Change_RoleTooLow_Answers403ProblemNamingBothRoles()
    {
        var response = await TestKeys.SendAsync(Http, HttpMethod.Put, "/api/v1/test/operator", TestKeys.Scheduler);

        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var detail = await DetailAsync(response);
        Assert.Contains("needs the operator role", detail, StringComparison.Ordinal);
        Assert.Contains("'scheduler' has scheduler", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    [InlineData("/metrics")]
    [InlineData("/openapi/v1.json")]
    public async Task Operations_NoKey_StayOpen(string path)
    {
        var response = await TestKeys.SendAsync(Http, HttpMethod.Get, path, key: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Ingest_NoApiKey_StillTakesExporterTraffic()
    {
        var node = Reports.UniqueNode();

        var response = await Http.PostAsync("/api/v1/ingest", Reports.Content(Reports.Encode(Reports.Make(node, 1, Reports.NowMs()))));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public void Start_WithKeys_SaysHowManyAndNotOpen()
    {
        Assert.Contains(fixture.Logs.Lines, l => l.Contains("6 API keys configured", StringComparison.Ordinal));
        Assert.DoesNotContain(fixture.Logs.Lines, l => l.Contains("API access is OPEN", StringComparison.Ordinal));
    }

    private static async Task<string> DetailAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;
}
