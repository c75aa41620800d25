using Telemetry.Rebalancing;

namespace Telemetry.Grains.Rebalancing;

/// <summary>The decisions kept (at most <see cref="Capacity"/>, oldest dropped first): ids, acknowledgements and expiry.</summary>
public sealed class DecisionLog(List<RebalanceDecision> decisions, long nextSeq)
{
    /// <summary>Decisions kept; enough for hours of an eventful fleet at the default cap on moves.</summary>
    public const int Capacity = 2000;

    public long NextSeq { get; private set; } = nextSeq;

    public List<RebalanceDecision> Decisions => decisions;

    /// <summary>Gives <paramref name="draft"/> its id and keeps it.</summary>
    public RebalanceDecision Add(RebalanceDecision draft)
    {
        var decision = draft with { Id = $"d-{NextSeq++:D8}" };
        decisions.Add(decision);
        if (decisions.Count > Capacity)
        {
            decisions.RemoveRange(0, decisions.Count - Capacity);
        }

        return decision;
    }

    /// <summary>Marks proposed decisions older than <paramref name="ttl"/> expired; answers those changed.</summary>
    public List<RebalanceDecision> Expire(DateTimeOffset now, TimeSpan ttl)
    {
        var changed = new List<RebalanceDecision>();
        for (var i = 0; i < decisions.Count; i++)
        {
            if (decisions[i].Status == DecisionStatus.Proposed && now - decisions[i].At >= ttl)
            {
                decisions[i] = decisions[i] with { Status = DecisionStatus.Expired };
                changed.Add(decisions[i]);
            }
        }

        return changed;
    }

    /// <summary>Marks a decision acknowledged (an expired one stays expired); null when unknown.</summary>
    public RebalanceDecision? Acknowledge(string id)
    {
        var i = decisions.FindIndex(d => d.Id == id);
        if (i < 0)
        {
            return null;
        }

        if (decisions[i].Status == DecisionStatus.Proposed)
        {
            decisions[i] = decisions[i] with { Status = DecisionStatus.Acknowledged };
        }

        return decisions[i];
    }

    /// <summary>Newest first, after <paramref name="since"/>, at most <paramref name="limit"/>.</summary>
    public RebalanceDecision[] Newest(DateTimeOffset? since, int limit) =>
        [.. Enumerable.Reverse(decisions).Where(d => since is null || d.At > since).Take(limit)];
}
