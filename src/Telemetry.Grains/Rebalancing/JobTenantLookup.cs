using Telemetry.Rebalancing;

namespace Telemetry.Grains.Rebalancing;

/// <summary>
/// Runs one interval asking jobs for their tenants only when a decision names them: an interval is evaluated on a
/// copy of the memory with the tenants known so far (a job not yet asked counts as tenantless, which may run
/// anywhere); while a decision names a job not yet asked, those jobs are asked together and the interval is
/// evaluated again on a fresh copy. The last evaluation is what every job's real tenant gives: a job of unknown
/// tenant that was not moved would not have moved with its tenant either (a tenant only narrows where a job may
/// go), so it changed nothing that the others saw.
/// </summary>
public static class JobTenantLookup
{
    /// <summary>The interval's step and the memory it leaves; asks <paramref name="tenantsOf"/> once per round of new names.</summary>
    /// <param name="memory">The memory before the interval; left unchanged.</param>
    /// <param name="copy">A deep copy of a memory.</param>
    /// <param name="evaluate">One interval on the given memory with the given tenant of a job.</param>
    /// <param name="tenantsOf">The tenants of the named jobs (null for a job without one), asked in one batch.</param>
    public static async Task<(RebalanceStep Step, RebalancerMemory Memory)> EvaluateAsync(
        RebalancerMemory memory,
        Func<RebalancerMemory, RebalancerMemory> copy,
        Func<RebalancerMemory, Func<string, string?>, RebalanceStep> evaluate,
        Func<IReadOnlyList<string>, Task<IReadOnlyDictionary<string, string?>>> tenantsOf)
    {
        ArgumentNullException.ThrowIfNull(copy);
        ArgumentNullException.ThrowIfNull(evaluate);
        ArgumentNullException.ThrowIfNull(tenantsOf);
        var known = new Dictionary<string, string?>(StringComparer.Ordinal);
        while (true)
        {
            var trial = copy(memory);
            var step = evaluate(trial, job => known.GetValueOrDefault(job));
            var unasked = Named(step.Decisions).Where(job => !known.ContainsKey(job)).ToArray();
            if (unasked.Length == 0)
            {
                return (step, trial);
            }

            // Every round learns at least one job, so this ends; in practice after one round, or two with tenant rules.
            var answers = await tenantsOf(unasked);
            foreach (var job in unasked)
            {
                known[job] = answers.GetValueOrDefault(job);
            }
        }
    }

    /// <summary>The jobs a decision names: the job it moves and the jobs it touches.</summary>
    public static IEnumerable<string> Named(IEnumerable<RebalanceDecision> decisions) =>
        decisions.SelectMany(d => d.Jobs.Select(j => j.JobId).Prepend(d.JobId)).OfType<string>().Distinct(StringComparer.Ordinal);
}
