using System.Globalization;
using Telemetry.Benchmarks.Ingest;

namespace Telemetry.Benchmarks.Hosting;

/// <summary>Starts the Release silo from its bin folder on free loopback ports: localhost clustering, in-memory state, warnings only.</summary>
internal static class SiloLauncher
{
    public static async Task<IngestTarget> StartAsync(string? binFolder, HttpClient probe, CancellationToken cancellationToken)
    {
        var folder = binFolder ?? RepositoryPaths.SiloBinFolder();
        var dll = Path.Combine(folder, "Telemetry.Silo.dll");
        if (!File.Exists(dll))
        {
            throw new BenchmarkSetupException($"{dll} not found; build the silo first: dotnet build src/Telemetry.Silo -c Release");
        }

        var baseAddress = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        string[] arguments =
        [
            "--urls", baseAddress.GetLeftPart(UriPartial.Authority),
            $"--Telemetry:Silo:SiloPort={FreePort.Next().ToString(CultureInfo.InvariantCulture)}",
            $"--Telemetry:Silo:GatewayPort={FreePort.Next().ToString(CultureInfo.InvariantCulture)}",
            "--Logging:LogLevel:Default=Warning",
        ];

        // The app host runs the silo in its own process, so its pid is the silo's (as with `dotnet Telemetry.Silo.dll`).
        var appHost = Path.Combine(folder, "Telemetry.Silo");
        var server = File.Exists(appHost)
            ? ServerProcess.Start("silo", appHost, arguments, folder, baseAddress)
            : ServerProcess.Start("silo", "dotnet", [dll, .. arguments], folder, baseAddress);
        try
        {
            await server.WaitReadyAsync(probe, "/readyz", TimeSpan.FromSeconds(60), cancellationToken);
        }
        catch
        {
            server.Dispose();
            throw;
        }

        return new IngestTarget(server, new Uri(baseAddress, "/api/v1/ingest"), "application/x-msgpack", BodyFormat.MessagePack);
    }
}
