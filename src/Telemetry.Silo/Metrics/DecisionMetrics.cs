using System.Diagnostics.Metrics;
using Telemetry.Grains.Events;
using Telemetry.Rebalancing;

namespace Telemetry.Silo.Metrics;

/// <summary>Counts the rebalancing decisions and alerts published on this silo (the rebalancer's), for <c>/metrics</c>.</summary>
public sealed class DecisionMetrics : IDecisionListener
{
    private readonly Counter<long> _decisions;
    private readonly Counter<long> _alerts;

    public DecisionMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(SiloInstruments.MeterName);
        _decisions = meter.CreateCounter<long>("telemetry.rebalancer.decisions", description: "Rebalancing decisions published (new or changed), by kind.");
        _alerts = meter.CreateCounter<long>("telemetry.rebalancer.alerts", description: "Rebalancing alerts raised or cleared, by kind.");
    }

    public void OnDecision(RebalanceDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        _decisions.Add(1, new KeyValuePair<string, object?>("kind", decision.Kind.ToString()));
    }

    public void OnAlert(RebalanceAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        _alerts.Add(1, new KeyValuePair<string, object?>("kind", alert.Kind), new KeyValuePair<string, object?>("active", alert.Active));
    }
}
