namespace Telemetry.Exporter.Simulation.Scenarios;

/// <summary>
/// A scenario's timeline: a steady lead-in (so the fleet and the rebalancer settle), then the event, on the
/// first data center. Pure: the same (node, time) always gives the same condition, so the simulator and the
/// scenario tests see the same fleet. <paramref name="speed"/> compresses the timeline (lead-in, storm, swings):
/// 10 runs the lead-in in 6 s, so tests against a real silo stay short.
/// </summary>
public sealed class Scenario(ScenarioKind kind, string target, long startMs, double speed = 1)
{
    /// <summary>Steady time before the event.</summary>
    public static readonly TimeSpan LeadIn = TimeSpan.FromMinutes(1);

    /// <summary>How long an XID storm takes to strike all its nodes.</summary>
    public static readonly TimeSpan StormSpread = TimeSpan.FromMinutes(1);

    /// <summary>One full swing of the oscillating load.</summary>
    public static readonly TimeSpan SwingPeriod = TimeSpan.FromMinutes(2);

    /// <summary>Swings of the oscillating load before the data center is back to its steady load.</summary>
    public const int Swings = 3;

    /// <summary>Share of GPUs busy once the oscillating load has settled: below the steady fleet's, as after a peak of work.</summary>
    public const double SettledBusyShare = 0.7;

    /// <summary>Share of the target data center's nodes an XID storm strikes.</summary>
    public const double StormShare = 0.6;

    public ScenarioKind Kind => kind;

    public string Target => target;

    public long StartMs => startMs;

    /// <summary>When the event begins, Unix ms.</summary>
    public long EventMs => startMs + Scaled(LeadIn);

    /// <summary>When the oscillating load ends, Unix ms (the other scenarios last until the run ends).</summary>
    public long OscillationEndMs => EventMs + (Swings * Scaled(SwingPeriod));

    /// <summary>The condition of node <paramref name="nodeIndex"/> (0-based) of <paramref name="nodesInDataCenter"/> in <paramref name="dataCenter"/> at <paramref name="tMs"/>.</summary>
    public NodeCondition At(string dataCenter, int nodeIndex, int nodesInDataCenter, long tMs)
    {
        if (kind == ScenarioKind.Steady || tMs < EventMs || !string.Equals(dataCenter, target, StringComparison.Ordinal))
        {
            return NodeCondition.Normal;
        }

        var since = tMs - EventMs;
        var swing = Scaled(SwingPeriod);
        return kind switch
        {
            ScenarioKind.Hotspot => new NodeCondition(0.99, false, false, false),
            ScenarioKind.Thermal => new NodeCondition(null, true, false, false),
            ScenarioKind.XidStorm => new NodeCondition(null, false, IsStruck(nodeIndex, nodesInDataCenter, since, Scaled(StormSpread)), false),
            ScenarioKind.Oscillating when tMs >= OscillationEndMs => new NodeCondition(SettledBusyShare, false, false, false),
            ScenarioKind.Oscillating => new NodeCondition(since % swing < swing / 2 ? 0.97 : 0.92, false, false, false),
            ScenarioKind.DcOutage => new NodeCondition(null, false, false, true),
            ScenarioKind.Stragglers => nodeIndex % 2 == 0 ? NodeCondition.Normal with { Straggler = (StragglerKind)(nodeIndex / 2 % 4) } : NodeCondition.Normal,
            _ => NodeCondition.Normal,
        };
    }

    // The struck nodes are the first StormShare of the data center, struck one after another over StormSpread.
    private static bool IsStruck(int nodeIndex, int nodes, long sinceMs, long spreadMs)
    {
        var struck = (int)Math.Ceiling(StormShare * nodes);
        return nodeIndex < struck && sinceMs >= spreadMs * nodeIndex / struck;
    }

    private long Scaled(TimeSpan span) => (long)(span.TotalMilliseconds / speed);
}
