namespace Telemetry.Grains.Rebalancing;

/// <summary>Everything the rebalancer carries from one interval to the next: states, cooldowns, breakers and its drains (for unhealthy GPUs and for stragglers).</summary>
[GenerateSerializer, Alias("telemetry.RebalancerMemory")]
public sealed class RebalancerMemory
{
    [Id(0)] public Dictionary<string, DataCenterState> DataCenters { get; set; } = new(StringComparer.Ordinal);

    /// <summary>"from>to" → no shift or migration between the two before this time.</summary>
    [Id(1)] public Dictionary<string, DateTimeOffset> PairCooldownUntil { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Job id → not moved again before this time.</summary>
    [Id(2)] public Dictionary<string, DateTimeOffset> JobCooldownUntil { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Nodes drained by the rebalancer (decided, even in dry run), by node id.</summary>
    [Id(3)] public Dictionary<string, DrainedNode> Drained { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Nodes an operator undrained while they had unhealthy GPUs: not drained again until they have been clean.</summary>
    [Id(4)] public HashSet<string> OperatorUndrained { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Nodes drained for a straggler (decided, even in dry run), by node id; apart from <see cref="Drained"/>, which undrains on a different rule.</summary>
    [Id(5)] public Dictionary<string, StragglerDrain> StragglerDrained { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Nodes being evacuated (since their first unhealthy GPU, until they are clean), with the jobs still to move off.</summary>
    [Id(6)] public Dictionary<string, EvacuatingNode> Evacuating { get; set; } = new(StringComparer.Ordinal);

    public DataCenterState Of(string dataCenter)
    {
        if (!DataCenters.TryGetValue(dataCenter, out var state))
        {
            DataCenters[dataCenter] = state = new DataCenterState();
        }

        return state;
    }

    public static string Pair(string from, string to) => $"{from}>{to}";

    /// <summary>Forgets cooldowns that have run out, so the memory stays as small as what is still cooling down.</summary>
    public void Prune(DateTimeOffset now)
    {
        foreach (var key in PairCooldownUntil.Where(p => p.Value <= now).Select(p => p.Key).ToArray())
        {
            PairCooldownUntil.Remove(key);
        }

        foreach (var key in JobCooldownUntil.Where(p => p.Value <= now).Select(p => p.Key).ToArray())
        {
            JobCooldownUntil.Remove(key);
        }
    }
}
