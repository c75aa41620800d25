using Telemetry.Silo.Api;
using Telemetry.Silo.Auth;
using Telemetry.Silo.Demo;
using Telemetry.Silo.Ingest;
using Telemetry.Silo.Jobs;
using Telemetry.Silo.Ingest.LineProtocol;
using Telemetry.Silo.Live;
using Telemetry.Silo.Metrics;
using Telemetry.Silo.Probes;
using Telemetry.Silo.Tls;
using Telemetry.Silo.Sink;
using Telemetry.Silo.Rebalancing;

namespace Telemetry.Silo.Hosting;

/// <summary>Builds the silo: Orleans, ingest, the state API, metrics, and the demo fleet when asked.</summary>
public static class TelemetrySilo
{
    /// <summary>The command-line switch that also runs a simulated fleet against this silo.</summary>
    public const string DemoSwitch = "--demo";

    /// <summary>Builds a ready-to-run silo from command-line arguments (ASP.NET Core's, plus <c>--demo</c>).</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var demo = args.Contains(DemoSwitch, StringComparer.Ordinal);
        // Content root at the binaries, so appsettings.json is found whatever the working directory.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [.. args.Where(a => a != DemoSwitch)],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.AddTelemetryCluster();
        builder.AddSiloTls();
        builder.AddIngest();
        builder.AddLineProtocolIngest();
        builder.AddStateApi();
        builder.AddJsonCompression();
        builder.AddSiloMetrics();
        builder.AddProbes();
        builder.AddApiAccess();
        builder.AddLiveDashboard();
        builder.AddInfluxSink();
        builder.AddRebalancer();
        builder.AddJobs();
        if (demo)
        {
            builder.AddDemoFleet();
        }

        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseJsonCompression();
        app.MapIngest();
        app.MapLineProtocolIngest();
        app.MapStateApi();
        app.MapSiloMetrics();
        app.MapProbes();
        app.UseApiAccess();
        app.MapLiveDashboard();
        return app;
    }
}
