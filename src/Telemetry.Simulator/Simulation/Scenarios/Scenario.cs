namespace Telemetry.Exporter.Simulation.Scenarios;

/// <summary>
/// A scenario's timeline: a steady lead-in (so the fleet and the rebalancer settle), then the event, on the
/// first data center. Pure: the same (node, time) always gives the same condition, so the simulator and the
/// scenario tests see the same fleet.
/// </summary>
public sealed class Scenario(ScenarioKind kind, string target, long startMs)
{
    /// <summary>Steady time before the event.</summary>
    public static readonly TimeSpan LeadIn = TimeSpan.FromMinutes(1);

    /// <summary>How long an XID storm takes to strike all its nodes.</summary>
    public static readonly TimeSpan StormSpread = TimeSpan.FromMinutes(1);

    /// <summary>One full swing of the oscillating load.</summary>
    public static readonly TimeSpan SwingPeriod = TimeSpan.FromMinutes(2);

    /// <summary>Share of the target data center's nodes an XID storm strikes.</summary>
    public const double StormShare = 0.6;

    public ScenarioKind Kind => kind;

    public string Target => target;

    public long StartMs => startMs;

    /// <summary>When the event begins, Unix ms.</summary>
    public long EventMs => startMs + (long)LeadIn.TotalMilliseconds;

    /// <summary>The condition of node <paramref name="nodeIndex"/> (0-based) of <paramref name="nodesInDataCenter"/> in <paramref name="dataCenter"/> at <paramref name="tMs"/>.</summary>
    public NodeCondition At(string dataCenter, int nodeIndex, int nodesInDataCenter, long tMs)
    {
        if (kind == ScenarioKind.Steady || tMs < EventMs || !string.Equals(dataCenter, target, StringComparison.Ordinal))
        {
            return NodeCondition.Normal;
        }

        var since = tMs - EventMs;
        return kind switch
        {
            ScenarioKind.Hotspot => new NodeCondition(0.99, false, false, false),
            ScenarioKind.Thermal => new NodeCondition(null, true, false, false),
            ScenarioKind.XidStorm => new NodeCondition(null, false, IsStruck(nodeIndex, nodesInDataCenter, since), false),
            ScenarioKind.Oscillating => new NodeCondition(since % (long)SwingPeriod.TotalMilliseconds < SwingPeriod.TotalMilliseconds / 2 ? 0.97 : 0.92, false, false, false),
            ScenarioKind.DcOutage => new NodeCondition(null, false, false, true),
            ScenarioKind.Stragglers => nodeIndex % 2 == 0 ? NodeCondition.Normal with { Straggler = (StragglerKind)(nodeIndex / 2 % 4) } : NodeCondition.Normal,
            _ => NodeCondition.Normal,
        };
    }

    // The struck nodes are the first StormShare of the data center, struck one after another over StormSpread.
    private static bool IsStruck(int nodeIndex, int nodes, long sinceMs)
    {
        var struck = (int)Math.Ceiling(StormShare * nodes);
        return nodeIndex < struck && sinceMs >= StormSpread.TotalMilliseconds * nodeIndex / struck;
    }
}
