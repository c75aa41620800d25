using Telemetry.Rebalancing;

namespace Telemetry.Grains.Rebalancing;

/// <summary>
/// One interval of rebalancing, without Orleans (docs/rebalancing.md): classify each data center against the
/// fleet with hysteresis and set its admission weight (<see cref="Shifts"/>), move jobs off nodes whose GPU failed
/// (<see cref="Evacuations"/>) and out of hot or degraded ones (<see cref="Migrations"/>), and drain or undrain nodes (<see cref="Drains"/>) — within cooldowns, a cap on
/// moves per interval, and a circuit breaker per data center. Time and memory are passed in, so tests drive it with a fake clock.
/// </summary>
public static class Rebalancer
{
    public static RebalanceStep Evaluate(
        IReadOnlyList<DataCenterSignals> signals,
        RebalancePolicy policy,
        RebalancerMemory memory,
        Func<string, string?> tenantOf,
        DateTimeOffset now)
    {
        memory.Prune(now);
        var decisions = new List<RebalanceDecision>();
        var alerts = new List<RebalanceAlert>();
        var pressures = signals.Select(DataCenterPressure.Of).ToArray();
        Shifts.Plan(pressures, policy, memory, now, decisions, alerts);

        foreach (var dc in signals)
        {
            Drains.UpdateBreaker(dc, policy, memory, now, alerts);
        }

        var moves = new MoveBudget(policy.MaxMovesPerInterval);
        Evacuations.Plan(signals, pressures, policy, memory, tenantOf, now, moves, decisions);
        Migrations.Plan(signals, pressures, policy, memory, tenantOf, now, moves, decisions);
        foreach (var dc in signals)
        {
            Drains.Plan(dc, policy, memory, tenantOf, now, moves, decisions);
        }

        var weights = pressures.ToDictionary(p => p.Id, p => memory.Of(p.Id).Weight, StringComparer.Ordinal);
        return new RebalanceStep(decisions, alerts, weights);
    }

    /// <summary>A data center's shares next to the thresholds they were compared with.</summary>
    public static Dictionary<string, double> Signals(DataCenterPressure p, RebalancePolicy policy) => new(StringComparer.Ordinal)
    {
        ["freeShare"] = Math.Round(p.FreeShare, 4),
        ["degradedShare"] = Math.Round(p.BadShare, 4),
        ["reportingShare"] = Math.Round(p.ReportingShare, 4),
        ["hotEnterFreeShare"] = policy.HotEnterFreeShare,
        ["hotExitFreeShare"] = policy.HotExitFreeShare,
        ["degradedEnterShare"] = policy.DegradedEnterShare,
        ["degradedExitShare"] = policy.DegradedExitShare,
        ["darkReportingShare"] = policy.DarkReportingShare,
    };
}
