using Telemetry.Rebalancing;

namespace Telemetry.Grains.Rebalancing;

/// <summary>
/// One interval of rebalancing, without Orleans (docs/rebalancing.md): classify each data center with
/// hysteresis and set its admission weight (<c>shift</c>), move jobs out of hot or degraded ones
/// (<c>migrate</c>), and drain or undrain nodes — within cooldowns, a cap on moves per interval, and a
/// circuit breaker per data center. Time and memory are passed in, so tests drive it with a fake clock.
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
        foreach (var pressure in pressures)
        {
            Classify(pressure, policy, memory, pressures, now, decisions, alerts);
        }

        var moves = new MoveBudget(policy.MaxMovesPerInterval);
        Migrations.Plan(signals, pressures, policy, memory, tenantOf, now, moves, decisions);
        foreach (var dc in signals)
        {
            Drains.Plan(dc, policy, memory, now, moves, decisions, alerts);
        }

        var weights = pressures.ToDictionary(p => p.Id, p => memory.Of(p.Id).Weight, StringComparer.Ordinal);
        return new RebalanceStep(decisions, alerts, weights);
    }

    private static void Classify(
        DataCenterPressure p, RebalancePolicy policy, RebalancerMemory memory, DataCenterPressure[] all,
        DateTimeOffset now, List<RebalanceDecision> decisions, List<RebalanceAlert> alerts)
    {
        var state = memory.Of(p.Id);
        var wasDark = state.Dark;
        state.Dark = p.ReportingShare < policy.DarkReportingShare;
        if (state.Dark != wasDark)
        {
            alerts.Add(new RebalanceAlert(now, p.Id, "dark", state.Dark
                ? $"Only {p.ReportingShare:P0} of {p.Id}'s nodes report (below {policy.DarkReportingShare:P0}): no new work goes there."
                : $"{p.Id} reports again ({p.ReportingShare:P0} of its nodes).", state.Dark));
        }

        // Hysteresis: a state is entered at one threshold and left only at the other.
        state.Hot = state.Hot ? p.FreeShare < policy.HotExitFreeShare : p.FreeShare <= policy.HotEnterFreeShare;
        state.Degraded = state.Degraded ? p.BadShare > policy.DegradedExitShare : p.BadShare >= policy.DegradedEnterShare;
        var weight = state.Dark ? 0 : state.Hot || state.Degraded ? policy.ReducedAdmissionWeight : 1;
        if (weight == state.Weight || (!state.Dark && now < state.ShiftCooldownUntil))
        {
            return;
        }

        var coolest = all.Where(o => o.Id != p.Id && !memory.Of(o.Id).Dark).OrderByDescending(o => o.FreeShare).Select(o => o.Id).FirstOrDefault();
        var lowering = weight < state.Weight;
        var why = state.Dark ? "silent" : state.Hot ? "nearly full" : state.Degraded ? "degraded" : "back to normal";
        decisions.Add(new RebalanceDecision
        {
            Id = "",
            At = now,
            Kind = DecisionKind.Shift,
            From = lowering ? p.Id : null,
            To = lowering ? coolest : p.Id,
            AdmissionWeight = weight,
            Reason = $"{p.Id} is {why}: admission weight {state.Weight:F2} → {weight:F2}",
            Signals = Signals(p, policy),
            DryRun = policy.DryRun,
        });
        state.Weight = weight;
        state.ShiftCooldownUntil = now.AddSeconds(policy.PairCooldownSeconds);
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
