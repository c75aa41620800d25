using Telemetry.Rebalancing;

namespace Telemetry.Grains.Events;

/// <summary>
/// Told of every new or changed rebalancing decision (proposed, acknowledged, expired) and every alert
/// (the live stream, the InfluxDB sink). Called on the rebalancer's turn: hand it on, never block or throw.
/// </summary>
public interface IDecisionListener
{
    void OnDecision(RebalanceDecision decision);

    void OnAlert(RebalanceAlert alert);
}
