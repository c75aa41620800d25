using Telemetry.Grains.Placement;
using Telemetry.Placement;

namespace Telemetry.Grains.Tests.Placement;

/// <summary>A job free to run anywhere leaves a data center's last room to the tenants bound to it, and only then.</summary>
public sealed class DataCenterScarcityTests
{
    [Fact]
    public void Apply_DataCenterBoundTenantsNeed_RanksBelowOneThatPacksAlike()
    {
        // Half the demand dc1 sees is bound to it, and it holds half the free GPUs: its demand would take all its room.
        var matches = Apply(("dc1", Match("dc1", 100.5, free: 10, boundShare: 0.5)), ("dc2", Match("dc2", 100, free: 10, boundShare: 0)));

        var ranked = PlacementRules.Rank(new PlacementRequest { Gpus = 1 }, singleNode: true, matches);

        Assert.Equal(["dc2", "dc1"], ranked.Candidates.Select(c => c.DataCenter));
        Assert.Equal(100.5 - PlacementScore.PerScarcity, ranked.Candidates[1].Score, 3);
        Assert.EndsWith("; keeps scarce dc1 for the tenants bound to it (scarcity 1.00, -40 points)", ranked.Candidates[1].Why, StringComparison.Ordinal);
        Assert.Equal("dc2 why", ranked.Candidates[0].Why);
    }

    [Fact]
    public void Apply_PlentyOfRoomOrNoBoundTenants_ChangesNothing()
    {
        (string, DataCenterMatch)[] plenty = [("dc1", Match("dc1", 100.5, free: 30, boundShare: 0.2)), ("dc2", Match("dc2", 100, free: 10, boundShare: 0))];
        (string, DataCenterMatch)[] unbound = [("dc1", Match("dc1", 100.5, free: 2, boundShare: 0)), ("dc2", Match("dc2", 100, free: 10, boundShare: 0))];

        Assert.Equal(plenty.Select(m => m.Item2.Candidates[0]), Apply(plenty).Select(m => m.Match.Candidates[0]));
        Assert.Equal(unbound.Select(m => m.Item2.Candidates[0]), Apply(unbound).Select(m => m.Match.Candidates[0]));
    }

    [Fact]
    public void Apply_OnlyTheScarceDataCenterHasRoom_ItsCandidateStillRanks()
    {
        var matches = Apply(("dc1", Match("dc1", 100, free: 4, boundShare: 0.6)), ("dc2", new DataCenterMatch { FreeGpus = 0 }));

        var ranked = PlacementRules.Rank(new PlacementRequest { Gpus = 1 }, singleNode: true, matches);

        Assert.Equal("dc1", Assert.Single(ranked.Candidates).DataCenter);
    }

    [Fact]
    public void Index_ReportsItsFreeGpusAndTheDemandBoundToIt()
    {
        var now = new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
        var index = new PlacementIndex("dc1", new WorkloadMix([(1, null, 1.0)], requests: 1));
        index.Update(TestNodes.Summary("dc1/a", free: 3, sharedUsedMilli: 250), now);
        index.Update(TestNodes.Summary("dc1/b", free: 8), now);
        index.Update(TestNodes.Summary("dc1/a", free: 2, sharedUsedMilli: 250), now);
        index.Mix.Observe(new PlacementQuery(new PlacementRequest { Gpus = 4 }, SingleNode: true, Candidates: 1, BoundTo: 2));
        index.Mix.Observe(new PlacementQuery(new PlacementRequest { Gpus = 2 }, SingleNode: true, Candidates: 1));

        var match = index.Find(new PlacementQuery(new PlacementRequest { Gpus = 1 }, SingleNode: true, Candidates: 1), 1, now);

        Assert.Equal(2 + 0.75 + 8, match.FreeGpus, 6);
        Assert.Equal(2.0 / 6, match.BoundShare, 6); // half of the bound 4 GPUs, of the 4 + 2 GPUs asked of it
    }

    private static (string DataCenter, DataCenterMatch Match)[] Apply(params (string, DataCenterMatch)[] matches) =>
        DataCenterScarcity.Apply(matches);

    private static DataCenterMatch Match(string dataCenter, double score, double free, double boundShare) => new()
    {
        Candidates = [new PlacementCandidate(dataCenter, score, $"{dataCenter} why", [])],
        FreeGpus = free,
        BoundShare = boundShare,
    };
}
