using Telemetry.Rebalancing;

namespace Telemetry.Grains.Rebalancing;

/// <summary>
/// Classifies each data center against the rest of the fleet and sets its admission weight (<c>shift</c>).
/// Pressure is relative: a data center is <em>hot</em> when its free share is at the enter threshold while another
/// data center has at least the hysteresis band (exit − enter) more free, and stays hot while its free share is below
/// the exit threshold and another still has more free; <em>degraded</em> likewise with the degraded shares against a
/// healthier data center. When every data center is equally busy (or equally
/// degraded) none is pressured, so nothing shifts and turned-down weights come back. <em>Dark</em> is absolute:
/// fewer than <see cref="RebalancePolicy.DarkReportingShare"/> of its nodes report.
/// </summary>
/// <remarks>
/// A shift always points from a pressured data center to one that is not, and a data center is pressured only
/// relative to one that is not, so two shifts never point at each other.
/// </remarks>
public static class Shifts
{
    public static void Plan(
        DataCenterPressure[] all, RebalancePolicy policy, RebalancerMemory memory, DateTimeOffset now,
        List<RebalanceDecision> decisions, List<RebalanceAlert> alerts)
    {
        var before = all.ToDictionary(p => p.Id, p => memory.Of(p.Id).Weight, StringComparer.Ordinal);

        // Judged against the others' states as they stood after the last interval, so the order of data centers does not matter.
        var pressuredBefore = all.Where(p => IsPressured(memory.Of(p.Id))).Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var darkNow = all.Where(p => p.ReportingShare < policy.DarkReportingShare).Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var changed = new List<(DataCenterPressure P, string Why)>();
        foreach (var p in all)
        {
            var state = memory.Of(p.Id);
            var wasDark = state.Dark;
            var peers = all.Where(o => o.Id != p.Id && !darkNow.Contains(o.Id) && !pressuredBefore.Contains(o.Id)).ToArray();
            if (Classify(p, state, peers, policy, darkNow.Contains(p.Id), now) is { } alert)
            {
                alerts.Add(alert);
            }

            var weight = state.Dark ? 0 : IsPressured(state) ? policy.ReducedAdmissionWeight : 1;
            // Going dark and coming back are acted on at once; the cooldown is against load swinging to and fro.
            if (weight == state.Weight || (!state.Dark && !wasDark && now < state.ShiftCooldownUntil))
            {
                continue;
            }

            changed.Add((p, Why(p, state, policy, peers)));
            state.Weight = weight;
            state.ShiftCooldownUntil = now.AddSeconds(policy.PairCooldownSeconds);
        }

        if (changed.Count == 0)
        {
            return;
        }

        DataCenterWeight[] table = [.. all.Select(p => new DataCenterWeight(
            p.Id, Math.Round(p.FreeShare, 4), Math.Round(p.BadShare, 4), Math.Round(p.ReportingShare, 4), before[p.Id], memory.Of(p.Id).Weight))];
        foreach (var (p, why) in changed)
        {
            var state = memory.Of(p.Id);
            var lowering = state.Weight < before[p.Id];
            var coolest = all.Where(o => o.Id != p.Id && !IsPressured(memory.Of(o.Id)) && !memory.Of(o.Id).Dark)
                .OrderByDescending(o => o.FreeShare).Select(o => o.Id).FirstOrDefault();
            decisions.Add(new RebalanceDecision
            {
                Id = "",
                At = now,
                Kind = DecisionKind.Shift,
                From = lowering ? p.Id : null,
                To = lowering ? coolest : p.Id,
                AdmissionWeight = state.Weight,
                Reason = $"{why}: admission weight {before[p.Id]:F2} → {state.Weight:F2}",
                Signals = Rebalancer.Signals(p, policy),
                DataCenters = table,
                DryRun = policy.DryRun,
            });
        }
    }

    /// <summary>Hot or degraded (and not dark): the data center work should leave.</summary>
    public static bool IsPressured(DataCenterState state) => !state.Dark && (state.Hot || state.Degraded);

    private static RebalanceAlert? Classify(DataCenterPressure p, DataCenterState state, DataCenterPressure[] peers, RebalancePolicy policy, bool dark, DateTimeOffset now)
    {
        var wasDark = state.Dark;
        state.Dark = dark;
        var room = peers.Length == 0 ? 0 : peers.Max(o => o.FreeShare);
        var healthiest = peers.Length == 0 ? 1 : peers.Min(o => o.BadShare);

        // Hysteresis on both sides: a state is entered at one threshold and left at the other, and entered only when a
        // peer is better by a whole hysteresis band; it is left as soon as no peer is better at all (equally busy).
        var hotBand = policy.HotExitFreeShare - policy.HotEnterFreeShare;
        var degradedBand = policy.DegradedEnterShare - policy.DegradedExitShare;
        // Entering also needs the condition at two intervals in a row: one reading (a data center whose nodes are still
        // registering after a restart, a burst of jobs) never shifts work on its own.
        var hotNow = !dark && p.FreeShare <= policy.HotEnterFreeShare && room - p.FreeShare >= hotBand;
        var degradedNow = !dark && p.BadShare >= policy.DegradedEnterShare && p.BadShare - healthiest >= degradedBand;
        state.Hot = !dark && (state.Hot
            ? p.FreeShare < policy.HotExitFreeShare && room > p.FreeShare
            : hotNow && state.HotSeen);
        state.Degraded = !dark && (state.Degraded
            ? p.BadShare > policy.DegradedExitShare && healthiest < p.BadShare
            : degradedNow && state.DegradedSeen);
        state.HotSeen = hotNow;
        state.DegradedSeen = degradedNow;
        if (dark == wasDark)
        {
            return null;
        }

        return new RebalanceAlert(now, p.Id, "dark", dark
            ? $"Only {p.ReportingShare:P0} of {p.Id}'s nodes report (below {policy.DarkReportingShare:P0}): it is dark and no new work goes there."
            : $"{p.Id} reports again ({p.ReportingShare:P0} of its nodes); it is no longer dark.", dark);
    }

    private static string Why(DataCenterPressure p, DataCenterState state, RebalancePolicy policy, DataCenterPressure[] peers)
    {
        if (state.Dark)
        {
            return $"{p.Id} is dark: {p.ReportingShare:P0} of its nodes report (below {policy.DarkReportingShare:P0})";
        }

        var best = peers.OrderByDescending(o => o.FreeShare).FirstOrDefault();
        var healthiest = peers.OrderBy(o => o.BadShare).FirstOrDefault();
        if (state.Degraded)
        {
            return $"{p.Id} is degraded: {p.BadShare:P0} of its reporting GPUs degraded or unhealthy (enter {policy.DegradedEnterShare:P0}) while {healthiest.Id} has {healthiest.BadShare:P0}";
        }

        if (state.Hot)
        {
            return $"{p.Id} is hot: {p.FreeShare:P0} of its reporting GPUs free (enter {policy.HotEnterFreeShare:P0}) while {best.Id} has {best.FreeShare:P0} free";
        }

        return $"{p.Id} is no longer hot, degraded or dark ({p.FreeShare:P0} free, {p.BadShare:P0} degraded, {p.ReportingShare:P0} of nodes reporting; the roomiest peer has {(peers.Length == 0 ? 0 : best.FreeShare):P0} free)";
    }
}
