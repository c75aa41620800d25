using Telemetry.Health;

namespace Telemetry.Grains.Health;

/// <summary>Turns the rules that hold now into a verdict, shared by GPUs and nodes so both order and date reasons alike.</summary>
internal static class VerdictJudge
{
    /// <summary>
    /// The verdict for <paramref name="rules"/> (in the order they first fired), or null when it would state and
    /// list exactly what <paramref name="current"/> does. Reasons are worst first; <see cref="HealthVerdict.Since"/>
    /// moves to <paramref name="at"/> only when the state changes.
    /// </summary>
    public static HealthVerdict? Judge(IEnumerable<HealthRule> rules, HealthVerdict current, DateTimeOffset at)
    {
        // Healthy and still healthy, the common case on every report and check, allocates nothing.
        if (rules is ICollection<HealthRule> { Count: 0 } && current.State == HealthState.Healthy && current.Reasons.Length == 0)
        {
            return null;
        }

        // Stable sort: worst first, then in the order they first fired.
        var ordered = rules.OrderByDescending(r => r.Verdict).ToArray();
        var state = ordered.Length == 0 ? HealthState.Healthy : ordered[0].Verdict;
        var reasons = Array.ConvertAll(ordered, r => r.Reason);
        if (state == current.State && reasons.AsSpan().SequenceEqual(current.Reasons))
        {
            return null;
        }

        return new HealthVerdict
        {
            State = state,
            Reasons = reasons,
            RecommendedActions = Array.ConvertAll(ordered, r => r.Action),
            Since = state == current.State ? current.Since : at,
        };
    }
}
