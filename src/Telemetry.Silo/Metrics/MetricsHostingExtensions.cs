using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Telemetry.Grains.Events;
using Telemetry.Silo.Hosting;

namespace Telemetry.Silo.Metrics;

/// <summary>
/// Switches on OpenTelemetry: <c>GET /metrics</c> in Prometheus text with the runtime's, ASP.NET Core's, Kestrel's,
/// Orleans' and the silo's own meters, and traces to an OTLP collector when one is configured.
/// </summary>
public static class MetricsHostingExtensions
{
    /// <summary>The collector traces go to; the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> works as well.</summary>
    public const string OtlpEndpointKey = "Telemetry:Otlp:Endpoint";

    private const string StandardOtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Meters exported besides the silo's own: .NET's runtime, ASP.NET Core hosting, Kestrel, Orleans.</summary>
    private static readonly string[] PlatformMeters = ["System.Runtime", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.Orleans"];

    public static WebApplicationBuilder AddSiloMetrics(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IngestMetrics>();
        builder.Services.AddSingleton<GrainActivations>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<GrainActivations>());
        builder.Services.AddSingleton<DecisionMetrics>();
        builder.Services.AddSingleton<IDecisionListener>(sp => sp.GetRequiredService<DecisionMetrics>());
        builder.Services.AddSingleton<PlacementMetrics>();
        builder.Services.AddSingleton<SiloInstruments>();

        var host = new HostMeters();
        builder.Services.AddSingleton(host);
        var otlp = OtlpEndpoint(builder.Configuration);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("telemetry-silo"))
            .WithMetrics(metrics => metrics
                .AddMeter([SiloInstruments.MeterName, .. PlatformMeters])
                // No cached answer: a scrape sees what happened up to it (the exporter's default caches for 300 ms).
                .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0)
                .AddView(host.Configure));
        if (otlp.Configured)
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = context => context.Request.Path != "/metrics")
                .AddOtlpExporter(o =>
                {
                    if (otlp.Endpoint is { } endpoint)
                    {
                        o.Endpoint = endpoint;
                    }
                }));
        }

        return builder;
    }

    public static WebApplication MapSiloMetrics(this WebApplication app)
    {
        app.Services.GetRequiredService<HostMeters>().Factory = app.Services.GetRequiredService<IMeterFactory>();

        // Created now, so its observable instruments exist before the first scrape.
        app.Services.GetRequiredService<SiloInstruments>();
        app.Use(app.Services.GetRequiredService<PlacementMetrics>().CountAsync);
        app.MapPrometheusScrapingEndpoint("/metrics")
            .WithName("Metrics")
            .WithSummary("Prometheus metrics of this silo: runtime, ASP.NET Core, Kestrel, Orleans and the silo's own");
        return app;
    }

    /// <summary>Whether traces are exported, and to where when <see cref="OtlpEndpointKey"/> names it (else the exporter reads the standard variable).</summary>
    private static (bool Configured, Uri? Endpoint) OtlpEndpoint(ConfigurationManager configuration)
    {
        var value = configuration[OtlpEndpointKey];
        if (string.IsNullOrWhiteSpace(value))
        {
            return (!string.IsNullOrWhiteSpace(configuration[StandardOtlpEndpointKey]), null);
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
        {
            throw new SettingException($"{OtlpEndpointKey} is '{value}'; expected an http(s) URL of an OTLP collector, e.g. http://127.0.0.1:4317.");
        }

        return (true, endpoint);
    }
}
