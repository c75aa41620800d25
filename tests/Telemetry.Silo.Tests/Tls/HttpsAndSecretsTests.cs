using System.Net;
using Microsoft.Extensions.Logging;
using Telemetry.Silo.Tests.Access;
using Telemetry.Wire;

namespace Telemetry.Silo.Tests.Tls;

/// <summary>
/// HTTPS from ASP.NET Core's standard <c>Kestrel:Endpoints</c> settings, and no secret (token secret, API key,
/// certificate passwords, Influx token) in any log line or in /metrics, with every log category at Debug.
/// </summary>
public sealed class HttpsAndSecretsTests
{
    private const string TokenSecret = "token-secret-7f3a9c1e5b2d4f6a";
    private const string KestrelPassword = "kestrel-pfx-password-4b8e";
    private const string SiloPassword = "silo-pfx-password-9d2c";
    private const string InfluxToken = "influx-token-1e6f0a3b";

    [Fact]
    public async Task Https_KestrelCertificateSettings_ServeTheApiAndNoSecretIsLoggedOrExported()
    {
        using var kestrelCertificate = new TestCertificate(KestrelPassword);
        using var siloCertificate = new TestCertificate(SiloPassword);
        var logs = new LogCapture();
        string[] settings =
        [
            "--Kestrel:Endpoints:Https:Url=https://127.0.0.1:0",
            $"--Kestrel:Endpoints:Https:Certificate:Path={kestrelCertificate.Path}",
            $"--Kestrel:Endpoints:Https:Certificate:Password={KestrelPassword}",
            $"--Telemetry:Silo:Tls:CertificatePath={siloCertificate.Path}",
            $"--Telemetry:Silo:Tls:CertificatePassword={SiloPassword}",
            $"--Ingest:TokenSecret={TokenSecret}",
            $"--Telemetry:Influx:Token={InfluxToken}",
            .. TestKeys.Key("admin", TestKeys.Admin, "admin"),
            "--Logging:LogLevel:Default=Debug",
            "--Logging:LogLevel:Orleans=Information",
        ];
        await using var silo = await RunningSilo.StartAsync(settings, builder => builder.Logging.AddProvider(logs), map: null);
        using var handler = new HttpClientHandler
        {
            // Trust exactly the certificate the test made, nothing else.
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.RawData.AsSpan().SequenceEqual(kestrelCertificate.RawData),
        };
        using var https = new HttpClient(handler) { BaseAddress = silo.BaseAddress };
        var node = Reports.UniqueNode();

        using var ingest = new HttpRequestMessage(HttpMethod.Post, "/api/v1/ingest") { Content = Reports.Content(Reports.Encode(Reports.Make(node, 1, Reports.NowMs()))) };
        ingest.Headers.Authorization = new("Bearer", IngestTokens.For(TokenSecret, node));
        var ingested = await https.SendAsync(ingest);
        var read = await TestKeys.SendAsync(https, HttpMethod.Get, $"/api/v1/nodes/{node}", TestKeys.Admin);
        var refused = await TestKeys.SendAsync(https, HttpMethod.Get, "/api/v1/fleet", "wrong-" + TestKeys.Admin);
        var metrics = await https.GetStringAsync("/metrics");

        Assert.Equal("https", silo.BaseAddress.Scheme);
        Assert.Equal(HttpStatusCode.Accepted, ingested.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.NotEmpty(logs.Lines);
        string[] secrets = [TokenSecret, KestrelPassword, SiloPassword, InfluxToken, TestKeys.Admin, IngestTokens.For(TokenSecret, node)];
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, logs.All, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, metrics, StringComparison.Ordinal);
        }
    }
}
