using System.Net;
using System.Net.Sockets;
using Telemetry.Silo.Hosting;
using Telemetry.Silo.Tests.Tls;

namespace Telemetry.Silo.Tests;

/// <summary>A silo whose Orleans port is taken stops at start, saying which, rather than listening beside the other.</summary>
public sealed class PortInUseTests
{
    [Theory]
    [InlineData(ClusterSettings.SiloPortKey)]
    [InlineData(ClusterSettings.GatewayPortKey)]
    public async Task Start_OrleansPortTaken_ExitsWithOneLineNamingThePort(string key)
    {
        var taken = FreePort.Next();
        using var holder = new TcpListener(IPAddress.Loopback, taken);
        holder.Start();
        var ports = new Dictionary<string, int>
        {
            [ClusterSettings.SiloPortKey] = FreePort.Next(),
            [ClusterSettings.GatewayPortKey] = FreePort.Next(),
            [key] = taken,
        };

        using var silo = Outsider.Start(["--urls", "http://127.0.0.1:0", .. ports.Select(p => $"--{p.Key}={p.Value}")]);
        var exited = await silo.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.True(exited, $"the silo kept running with {key}={taken} taken:\n{silo.Output}");
        Assert.Equal(SiloProgram.BadConfiguration, silo.ExitCode);
        var line = Assert.Single(silo.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains($"{key}: port {taken} ", line, StringComparison.Ordinal);
    }
}
