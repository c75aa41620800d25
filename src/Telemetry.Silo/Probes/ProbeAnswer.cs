using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Telemetry.Silo.Probes;

/// <summary>Writes a health report: 200 with each check's state, or a problem+json 503 naming what is not ready.</summary>
public static class ProbeAnswer
{
    public static Task WriteReadinessAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        var checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString().ToLowerInvariant(), description = e.Value.Description });
        if (report.Status == HealthStatus.Unhealthy)
        {
            var failing = report.Entries.Where(e => e.Value.Status == HealthStatus.Unhealthy).Select(e => $"{e.Key}: {e.Value.Description}");
            context.Response.ContentType = "application/problem+json";
            context.Response.Headers.RetryAfter = "1";
            return context.Response.WriteAsync(JsonSerializer.Serialize(new
            {
                type = "urn:telemetry:problem:not-ready",
                title = "Silo not serving",
                status = StatusCodes.Status503ServiceUnavailable,
                detail = $"Not ready: {string.Join("; ", failing)}.",
                checks,
            }));
        }

        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new { status = report.Status.ToString().ToLowerInvariant(), checks }));
    }
}
