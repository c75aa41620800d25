using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Telemetry.Silo.Hosting;
using Telemetry.Silo.Sink;

namespace Telemetry.Silo.Probes;

/// <summary>
/// Switches on ASP.NET Core health checks behind <c>/healthz</c> (the process answers) and <c>/readyz</c> (the silo
/// serves; Redis answers when membership or storage is in Redis; the InfluxDB sink's state when it is on).
/// </summary>
public static class ProbeHostingExtensions
{
    private const string Ready = "ready";

    public static WebApplicationBuilder AddProbes(this WebApplicationBuilder builder)
    {
        var checks = builder.Services.AddHealthChecks().AddCheck<SiloReadyCheck>("silo", tags: [Ready]);
        if (ClusterSettings.Read(builder.Configuration).Redis is not null)
        {
            builder.Services.AddSingleton<RedisCheck>();
            checks.Add(new HealthCheckRegistration("redis", sp => sp.GetRequiredService<RedisCheck>(), HealthStatus.Unhealthy, [Ready]));
        }

        if (!string.IsNullOrWhiteSpace(builder.Configuration[$"{InfluxOptions.Section}:{nameof(InfluxOptions.Url)}"]))
        {
            checks.AddCheck<SinkCheck>("sink", tags: [Ready]);
        }

        return builder;
    }

    public static WebApplication MapProbes(this WebApplication app)
    {
        // Liveness runs no check: a silo waiting for Redis is alive, and restarting it would not bring Redis back.
        app.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            Predicate = _ => false,
            ResponseWriter = (context, _) => context.Response.WriteAsync("ok"),
        }).WithName("Healthz").WithSummary("The process is alive");
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(Ready),
            ResponseWriter = ProbeAnswer.WriteReadinessAsync,
        }).WithName("Readyz").WithSummary("The silo serves: joined the cluster, Redis answers (when used); the sink's state");
        return app;
    }
}
