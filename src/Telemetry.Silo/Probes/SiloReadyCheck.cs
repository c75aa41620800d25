using Microsoft.Extensions.Diagnostics.HealthChecks;
using Telemetry.Silo.Hosting;

namespace Telemetry.Silo.Probes;

/// <summary>Ready once the host has started and until it starts stopping (<see cref="ReadinessGate"/>).</summary>
public sealed class SiloReadyCheck(ReadinessGate gate) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(gate.IsReady
            ? HealthCheckResult.Healthy("joined the cluster and serving")
            : HealthCheckResult.Unhealthy("the silo is starting or stopping"));
}
