using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Serialization;
using Telemetry.Grains.Rebalancing;
using Telemetry.Rebalancing;
using Telemetry.State;

namespace Telemetry.Grains.Tests.Rebalancing;

/// <summary>The rebalancer asks jobs for their tenants only when a decision names them, and decides as if it had known them all along.</summary>
public sealed class JobTenantLookupTests
{
    private static readonly DeepCopier Copier = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<DeepCopier>();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 1, 0, 0, TimeSpan.Zero));
    private readonly Dictionary<string, string> _tenants = new(StringComparer.Ordinal) { ["j-uni"] = "uni", ["j-co"] = "co" };
    private readonly List<string[]> _asked = [];
    private RebalancerMemory _memory = new();

    [Fact]
    public async Task Migrate_CarriesTheTenant_AndGoesOnlyWhereTheTenantMayRun()
    {
        var policy = new RebalancePolicy { TenantDataCenters = new Dictionary<string, string[]> { ["uni"] = ["dc1", "dc3"] } };

        var step = await SettledAsync(policy,
            TestSignals.Of("dc1", free: 0, jobs: [new JobShare("j-uni", 1), new JobShare("j-any", 1)], boundWorkTurnedAwayAt: _time.GetUtcNow()),
            TestSignals.Of("dc2", free: 700),
            TestSignals.Of("dc3", free: 300));

        var moves = step.Decisions.Where(d => d.Kind == DecisionKind.Migrate).ToDictionary(d => d.JobId!);
        Assert.Equal(("dc3", "uni"), (moves["j-uni"].To, moves["j-uni"].Tenant));
        Assert.Equal("uni", Assert.Single(moves["j-uni"].Jobs).Tenant);
        Assert.Contains("tenant uni", moves["j-uni"].Reason, StringComparison.Ordinal);
        Assert.Equal(("dc2", (string?)null), (moves["j-any"].To, moves["j-any"].Tenant));
    }

    [Fact]
    public async Task Evaluate_AsksOnlyTheJobsItsDecisionsName_InOneBatch()
    {
        var policy = new RebalancePolicy { MaxMovesPerInterval = 1 };

        var step = await SettledAsync(policy,
            TestSignals.Of("dc1", free: 0, jobs: [new JobShare("j-co", 1), new JobShare("j-b", 2), new JobShare("j-c", 4)], boundWorkTurnedAwayAt: _time.GetUtcNow()),
            TestSignals.Of("dc2", free: 700));

        var move = Assert.Single(step.Decisions, d => d.Kind == DecisionKind.Migrate);
        Assert.Equal(("j-co", "co"), (move.JobId, move.Tenant));
        Assert.Equal(["j-co"], Assert.Single(_asked));
    }

    [Fact]
    public async Task ATenantThatNarrowsTheTarget_IsLearnedAndTheIntervalDecidedAgain_WithoutChangingTheMemoryGivenIn()
    {
        // Unknown, j-uni would take dc2's room; known, it may not go there, and j-any gets dc2 instead.
        var policy = new RebalancePolicy { TenantDataCenters = new Dictionary<string, string[]> { ["uni"] = ["dc1"] } };
        var signals = new[]
        {
            TestSignals.Of("dc1", free: 0, jobs: [new JobShare("j-uni", 8), new JobShare("j-any", 8)], boundWorkTurnedAwayAt: _time.GetUtcNow()),
            TestSignals.Of("dc2", free: 8, nodes: 2),
        };
        await RunAsync(policy, signals);
        _time.Advance(TimeSpan.FromSeconds(10));
        var before = _memory;

        var step = await RunAsync(policy, signals);

        Assert.Equal(["j-any"], step.Decisions.Where(d => d.Kind == DecisionKind.Migrate).Select(d => d.JobId));
        Assert.Equal([["j-uni"], ["j-any"]], _asked);
        Assert.Empty(before.JobCooldownUntil);
        Assert.Equal(["j-any"], _memory.JobCooldownUntil.Keys);
    }

    [Fact]
    public async Task Drain_NamesTheNodesJobsWithTheirTenants()
    {
        var node = new NodeSignal("dc1/n0001", 1, false, true) { Jobs = [new JobShare("j-co", 8)] };

        var step = await RunAsync(new RebalancePolicy(), TestSignals.Of("dc1", nodeSignals: [node]));

        // The node is evacuated: drained, and its job moved off with its tenant named.
        var drain = Assert.Single(step.Decisions, d => d.Kind == DecisionKind.Drain);
        Assert.Equal(new DecisionJob("j-co", 8, "co"), Assert.Single(drain.Jobs));
        Assert.Equal("co", Assert.Single(step.Decisions, d => d.Kind == DecisionKind.Migrate).Tenant);
    }

    private async Task<RebalanceStep> SettledAsync(RebalancePolicy policy, params DataCenterSignals[] signals)
    {
        await RunAsync(policy, signals);
        _time.Advance(TimeSpan.FromSeconds(10));
        _asked.Clear();
        return await RunAsync(policy, signals);
    }

    private async Task<RebalanceStep> RunAsync(RebalancePolicy policy, params DataCenterSignals[] signals)
    {
        var (step, memory) = await JobTenantLookup.EvaluateAsync(
            _memory,
            Copier.Copy,
            (trial, tenantOf) => Rebalancer.Evaluate(signals, policy, trial, tenantOf, _time.GetUtcNow()),
            jobs =>
            {
                _asked.Add([.. jobs]);
                return Task.FromResult<IReadOnlyDictionary<string, string?>>(jobs.ToDictionary(j => j, j => _tenants.GetValueOrDefault(j), StringComparer.Ordinal));
            });
        _memory = memory;
        return step;
    }
}
