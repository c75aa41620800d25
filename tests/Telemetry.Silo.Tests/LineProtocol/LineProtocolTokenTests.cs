using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Telemetry.Wire;

namespace Telemetry.Silo.Tests.LineProtocol;

/// <summary>Exporter tokens on <c>/api/v2/write</c>, in InfluxDB's <c>Token</c> scheme, on a silo with a token secret.</summary>
public sealed class LineProtocolTokenTests : IAsyncLifetime
{
    private const string Secret = "a-line-protocol-secret-of-good-length";
    private RunningSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await RunningSilo.StartAsync($"--Ingest:TokenSecret={Secret}");

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Write_TokenScheme_DataCenterTokenAccepted_MissingOrWrongTokenRefusedInInfluxForm()
    {
        var line = $"nvidia_smi,host=tok-node,index=0,uuid=GPU-{Guid.NewGuid()} utilization_gpu=5i {Reports.NowMs()}";

        var accepted = await WriteAsync(line, "Token", IngestTokens.For(Secret, IngestTokens.DataCenterScope("dctok")));
        var missing = await WriteAsync(line, scheme: null, token: null);
        var otherDataCenter = await WriteAsync(line, "Token", IngestTokens.For(Secret, IngestTokens.DataCenterScope("elsewhere")));

        Assert.Equal(HttpStatusCode.NoContent, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal("unauthorized", (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, otherDataCenter.StatusCode);
    }

    private Task<HttpResponseMessage> WriteAsync(string line, string? scheme, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v2/write?bucket=dctok&precision=ms") { Content = new StringContent(line, Encoding.UTF8) };
        if (scheme is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue(scheme, token);
        }

        return _silo.Http.SendAsync(request);
    }
}
