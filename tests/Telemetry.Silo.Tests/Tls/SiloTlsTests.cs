using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Telemetry.Silo.Hosting;

namespace Telemetry.Silo.Tests.Tls;

/// <summary>TLS between silos (<c>Telemetry:Silo:Tls:*</c>): silos with the cluster's certificate form one cluster; bad settings stop start-up.</summary>
public sealed class SiloTlsTests
{
    [Fact]
    public async Task TwoSilosWithTls_FormOneCluster_AndOneWithoutTlsIsNeverLetIn()
    {
        using var redis = await RedisServer.StartAsync();
        using var certificate = new TestCertificate("cluster-pfx-password");
        string[] Cluster(params string[] extra) =>
        [
            "--Telemetry:Clustering:Provider=Redis",
            $"--Telemetry:Redis={redis.ConnectionString}",
            $"--Telemetry:Clustering:ClusterId=tls-{redis.Port}",
            .. extra,
        ];
        string[] tls = [$"--Telemetry:Silo:Tls:CertificatePath={certificate.Path}", "--Telemetry:Silo:Tls:CertificatePassword=cluster-pfx-password"];

        await using var first = await RunningSilo.StartAsync(Cluster(tls));
        await using var second = await RunningSilo.StartAsync(Cluster(tls));
        var management = first.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        await Eventually.GetAsync(() => management.GetHosts(onlyActive: true), hosts => hosts.Count == 2, TimeSpan.FromSeconds(30), "two active silos");

        // The silo port speaks TLS only, and shows the cluster's certificate.
        var port = first.Services.GetRequiredService<ClusterSettings>().SiloPort;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port);
        await using var ssl = new SslStream(tcp.GetStream());
        using var clientCertificate = X509CertificateLoader.LoadPkcs12FromFile(certificate.Path, "cluster-pfx-password");
        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "127.0.0.1",
            ClientCertificates = [clientCertificate],
            RemoteCertificateValidationCallback = (_, remote, _, _) => remote is not null && remote.GetRawCertData().AsSpan().SequenceEqual(certificate.RawData),
        });
        Assert.True(ssl.IsAuthenticated);
        Assert.Equal(certificate.RawData, ssl.RemoteCertificate!.GetRawCertData());

        // A silo without the certificate, in a process of its own: Orleans ends a silo voted dead with a fail-fast.
        using var outsider = Outsider.Start(SiloFixture.Arguments(Cluster()));
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!outsider.HasExited && DateTime.UtcNow < deadline)
        {
            Assert.Equal(2, (await management.GetHosts(onlyActive: true)).Count);
            await Task.Delay(250);
        }

        Console.WriteLine($"silo without TLS: {(outsider.HasExited ? $"exited with {outsider.ExitCode}" : "still running")}; last output:\n{outsider.Output}");
        var everyone = await management.GetHosts(onlyActive: false);
        Assert.Equal(2, everyone.Count(h => h.Value == SiloStatus.Active));
        // It must have got as far as trying to join: a bad setting (exit 2) or a clean exit would prove nothing.
        Assert.False(outsider.HasExited && outsider.ExitCode is 0 or SiloProgram.BadConfiguration, $"the silo without TLS stopped before trying to join:\n{outsider.Output}");
        Assert.True(outsider.HasExited || everyone.Count == 2, $"the silo without TLS neither left nor stayed out of the membership table:\n{outsider.Output}");
    }

    [Theory]
    [InlineData("/nonexistent/silo.pfx", "not a file")]
    [InlineData(null, "cannot be read as PKCS#12")]
    public void BadCertificateSetting_StopsStartNamingTheKey(string? path, string expected)
    {
        using var certificate = new TestCertificate("right-password");
        var error = Assert.Throws<SettingException>(() => TelemetrySilo.Build(SiloFixture.Arguments(
            $"--Telemetry:Silo:Tls:CertificatePath={path ?? certificate.Path}", "--Telemetry:Silo:Tls:CertificatePassword=wrong-password")));

        Assert.Contains("Telemetry:Silo:Tls:CertificatePath", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-password", error.Message, StringComparison.Ordinal);
    }
}
