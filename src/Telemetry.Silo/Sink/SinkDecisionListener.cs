using Telemetry.Grains.Events;
using Telemetry.Rebalancing;

namespace Telemetry.Silo.Sink;

/// <summary>Hands every rebalancing decision, as made and at each change of status, to the sink's <c>decision</c> measurement, and every alert to its <c>alert</c> measurement.</summary>
public sealed class SinkDecisionListener(ITimeSeriesSink sink) : IDecisionListener
{
    public void OnDecision(RebalanceDecision decision) => sink.WriteDecision(ToPoint(decision));

    public void OnAlert(RebalanceAlert alert) => sink.WriteAlert(alert);

    internal static RebalancingDecisionPoint ToPoint(RebalanceDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return new RebalancingDecisionPoint(
            decision.Id,
            decision.At,
            Lower(decision.Kind),
            decision.From ?? (decision.Node is { } node ? Wire.NodeIds.DataCenterOf(node) : ""),
            decision.To,
            decision.Node,
            decision.JobId,
            decision.Gpus ?? 0,
            decision.Reason,
            Lower(decision.Status));
    }

#pragma warning disable CA1308 // The schema's tag values are lower case, as API.md spells the kinds and statuses.
    private static string Lower<TEnum>(TEnum value)
        where TEnum : struct, Enum => value.ToString().ToLowerInvariant();
#pragma warning restore CA1308
}
