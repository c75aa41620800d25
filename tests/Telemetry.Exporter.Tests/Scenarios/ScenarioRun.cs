using Telemetry.Exporter.Simulation.Scenarios;
using Telemetry.Grains.Rebalancing;
using Telemetry.Rebalancing;

namespace Telemetry.Exporter.Tests.Scenarios;

/// <summary>Runs the rebalancer every 10 s of scenario time over a scenario's fleet, collecting what it decides.</summary>
internal sealed class ScenarioRun
{
    public static readonly DateTimeOffset Start = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    public ScenarioRun(ScenarioKind kind, RebalancePolicy? policy = null, Func<string, string?>? tenantOf = null, int nodesPerDataCenter = 100)
    {
        var scenario = new Scenario(kind, "dc1", Start.ToUnixTimeMilliseconds());
        var fleet = new ScenarioFleet(scenario, ["dc1", "dc2", "dc3"], nodesPerDataCenter);
        Policy = policy ?? new RebalancePolicy();
        var memory = new RebalancerMemory();
        for (var t = Start; t < Start + Duration; t += Interval)
        {
            var step = Rebalancer.Evaluate(fleet.SignalsAt(t.ToUnixTimeMilliseconds()), Policy, memory, tenantOf ?? (_ => null), t);
            Decisions.AddRange(step.Decisions);
            Alerts.AddRange(step.Alerts);
            Weights = step.Weights;
        }
    }

    /// <summary>The lead-in and half an hour of the event.</summary>
    public static TimeSpan Duration => Scenario.LeadIn + TimeSpan.FromMinutes(30);

    public RebalancePolicy Policy { get; }

    public List<RebalanceDecision> Decisions { get; } = [];

    public List<RebalanceAlert> Alerts { get; } = [];

    public IReadOnlyDictionary<string, double> Weights { get; private set; } = new Dictionary<string, double>();

    public RebalanceDecision[] Of(DecisionKind kind) => [.. Decisions.Where(d => d.Kind == kind)];
}
