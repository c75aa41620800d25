using Telemetry.Exporter.Simulation.Scenarios;
using Telemetry.Rebalancing;

namespace Telemetry.Exporter.Tests.Scenarios;

public sealed class ScenarioDecisionTests
{
    [Fact]
    public void Steady_DecidesNothing()
    {
        var run = new ScenarioRun(ScenarioKind.Steady);

        Assert.Empty(run.Decisions);
        Assert.Empty(run.Alerts);
        Assert.All(run.Weights.Values, w => Assert.Equal(1, w));
    }

    [Fact]
    public void Hotspot_NoWorkBoundToIt_ShiftsAwayButMovesNoRunningJob()
    {
        var run = new ScenarioRun(ScenarioKind.Hotspot);

        Assert.Equal("dc1", Assert.Single(run.Of(DecisionKind.Shift)).From);
        Assert.Empty(run.Of(DecisionKind.Migrate));
    }

    [Fact]
    public void Hotspot_ShedWheneverHot_ShiftsAwayFromTheFullDataCenterAndMigratesJobsOut()
    {
        var run = new ScenarioRun(ScenarioKind.Hotspot, new RebalancePolicy { TurnedAwayWindowSeconds = 0 });

        var shift = Assert.Single(run.Of(DecisionKind.Shift));
        Assert.Equal("dc1", shift.From);
        Assert.True(shift.At >= ScenarioRun.Start + Scenario.LeadIn);
        Assert.Equal(run.Policy.ReducedAdmissionWeight, run.Weights["dc1"]);
        var moves = run.Of(DecisionKind.Migrate);
        Assert.NotEmpty(moves);
        Assert.All(moves, m => Assert.Equal("dc1", m.From));
        Assert.All(moves, m => Assert.True(m.Signals["gain"] >= run.Policy.MigrationMinGain));
        Assert.Equal(moves.Length, moves.Select(m => m.JobId).Distinct().Count());
        Assert.Empty(run.Of(DecisionKind.Drain));
    }

    [Fact]
    public void Thermal_MarksTheDataCenterDegradedAndMovesWorkAway()
    {
        var run = new ScenarioRun(ScenarioKind.Thermal);

        var shift = Assert.Single(run.Of(DecisionKind.Shift));
        Assert.Contains("dc1 is", shift.Reason, StringComparison.Ordinal);
        Assert.Equal(1, shift.Signals["degradedShare"]);
        Assert.NotEmpty(run.Of(DecisionKind.Migrate));
        Assert.Empty(run.Of(DecisionKind.Drain));
    }

    [Fact]
    public void XidStorm_TripsTheBreakerAndStopsDraining()
    {
        var run = new ScenarioRun(ScenarioKind.XidStorm, new RebalancePolicy { MaxMovesPerInterval = 1000 });

        var trip = Assert.Single(run.Alerts, a => a.Kind == "breaker" && a.Active);
        Assert.Equal("dc1", trip.DataCenter);
        var drains = run.Of(DecisionKind.Drain);
        Assert.NotEmpty(drains);
        Assert.All(drains, d => Assert.True(d.At < trip.At, $"drain at {d.At} after the breaker tripped at {trip.At}"));

        // 60 of 100 nodes were struck; draining stopped at the breaker's 50 %, well short of all of them.
        Assert.True(drains.Length < 50, $"{drains.Length} drains");
    }

    [Fact]
    public void Oscillating_ShiftsOnceNeverFlapsAndIsRestoredOnceSettled()
    {
        var run = new ScenarioRun(ScenarioKind.Oscillating);

        var shifts = run.Of(DecisionKind.Shift);
        Assert.Equal(2, shifts.Length);
        Assert.Equal(("dc1", run.Policy.ReducedAdmissionWeight), (shifts[0].From, shifts[0].AdmissionWeight));
        Assert.Equal(("dc1", 1.0), (shifts[1].To, shifts[1].AdmissionWeight));
        Assert.True(shifts[1].At >= ScenarioRun.Start + Scenario.LeadIn + (Scenario.Swings * Scenario.SwingPeriod), $"restored at {shifts[1].At}, during the swings");
        Assert.All(run.Weights.Values, w => Assert.Equal(1, w));
    }

    [Fact]
    public void Oscillating_WithoutHysteresis_WouldFlap_SoTheTestCanFail()
    {
        // Exit threshold just above the enter one: the swing crosses both, and cooldown alone limits the flapping.
        var run = new ScenarioRun(ScenarioKind.Oscillating, new RebalancePolicy { HotEnterFreeShare = 0.05, HotExitFreeShare = 0.06, PairCooldownSeconds = 0 });

        Assert.True(run.Of(DecisionKind.Shift).Length >= 5, $"{run.Of(DecisionKind.Shift).Length} shifts");
    }

    [Fact]
    public void DcOutage_StopsNewWorkThereAtOnceAndAlerts()
    {
        var run = new ScenarioRun(ScenarioKind.DcOutage);

        Assert.Equal(0, run.Weights["dc1"]);
        var alert = Assert.Single(run.Alerts, a => a.Kind == "dark");
        Assert.Equal(ScenarioRun.Start + Scenario.LeadIn, alert.At);
        Assert.Empty(run.Of(DecisionKind.Drain));
        Assert.Empty(run.Of(DecisionKind.Migrate));
    }

    [Fact]
    public void Hotspot_WithTenantRules_NeverMovesAJobWhereItsTenantMayNotRun()
    {
        var policy = new RebalancePolicy { TenantDataCenters = new Dictionary<string, string[]> { ["uni"] = ["dc1", "dc3"], ["corp"] = ["dc1"] } };
        string? TenantOf(string job) => (job.GetHashCode(StringComparison.Ordinal) & 3) switch { 0 => "uni", 1 => "corp", 2 => "startup", _ => null };

        var run = new ScenarioRun(ScenarioKind.Hotspot, policy with { MaxMovesPerInterval = 50, TurnedAwayWindowSeconds = 0 }, TenantOf);

        var moves = run.Of(DecisionKind.Migrate);
        Assert.Contains(moves, m => TenantOf(m.JobId!) == "uni");
        Assert.All(moves, m => Assert.True(run.Policy.Allows(TenantOf(m.JobId!), m.To!), $"{m.JobId} of {TenantOf(m.JobId!)} sent to {m.To}"));
        Assert.DoesNotContain(moves, m => TenantOf(m.JobId!) == "corp");
    }
}
