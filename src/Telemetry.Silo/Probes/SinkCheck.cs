using Microsoft.Extensions.Diagnostics.HealthChecks;
using Telemetry.Silo.Sink;

namespace Telemetry.Silo.Probes;

/// <summary>
/// The InfluxDB sink: degraded, not unhealthy, while InfluxDB is unreachable, since ingest goes on and points wait in
/// the on-disk spool; a silo is not taken out of service for its time-series store.
/// </summary>
public sealed class SinkCheck(SinkMetrics sink, InfluxOptions options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(sink.Unreachable
            ? HealthCheckResult.Degraded($"InfluxDB at {options.Url} is unreachable; points go to the on-disk spool ({sink.Spooled} so far)")
            : HealthCheckResult.Healthy($"InfluxDB at {options.Url} takes writes ({sink.QueueDepth()} points queued)"));
}
