using Telemetry.Grains.Rebalancing;
using Telemetry.Rebalancing;

namespace Telemetry.Grains.Tests.Rebalancing;

public sealed class PolicyAndLogTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Problems_DefaultPolicy_HasNone() => Assert.Empty(PolicyValidator.Problems(new RebalancePolicy()));

    [Theory]
    [InlineData("hotExitFreeShare")]
    [InlineData("degradedExitShare")]
    [InlineData("maxMovesPerInterval")]
    [InlineData("breakerShare")]
    [InlineData("evacuateUnhealthyGpus")]
    [InlineData("evacuateMinJobAgeSeconds")]
    [InlineData("turnedAwayWindowSeconds")]
    public void Problems_NameTheField(string field)
    {
        var policy = field switch
        {
            "hotExitFreeShare" => new RebalancePolicy { HotExitFreeShare = 0.01 },
            "degradedExitShare" => new RebalancePolicy { DegradedExitShare = 0.5 },
            "maxMovesPerInterval" => new RebalancePolicy { MaxMovesPerInterval = -1 },
            "evacuateUnhealthyGpus" => new RebalancePolicy { EvacuateUnhealthyGpus = 65 },
            "evacuateMinJobAgeSeconds" => new RebalancePolicy { EvacuateMinJobAgeSeconds = -1 },
            "turnedAwayWindowSeconds" => new RebalancePolicy { TurnedAwayWindowSeconds = -1 },
            _ => new RebalancePolicy { BreakerShare = 1.5 },
        };

        Assert.Contains(PolicyValidator.Problems(policy), p => p.StartsWith(field, StringComparison.Ordinal));
    }

    [Fact]
    public void Log_AcknowledgesExpiresAndListsNewestFirst()
    {
        var log = new DecisionLog([], 1);
        var a = log.Add(Draft(Now));
        var b = log.Add(Draft(Now.AddMinutes(1)));

        Assert.Equal(DecisionStatus.Acknowledged, log.Acknowledge(a.Id)!.Status);
        var expired = log.Expire(Now.AddMinutes(20), TimeSpan.FromMinutes(15));

        Assert.Equal([b.Id], expired.Select(d => d.Id));
        Assert.Equal([b.Id, a.Id], log.Newest(null, 10).Select(d => d.Id));
        Assert.Equal([b.Id], log.Newest(Now, 10).Select(d => d.Id));
        Assert.Null(log.Acknowledge("d-missing"));
        Assert.Equal(DecisionStatus.Expired, log.Acknowledge(b.Id)!.Status);
    }

    [Fact]
    public void Log_KeepsAtMostItsCapacity()
    {
        var log = new DecisionLog([], 1);
        for (var i = 0; i < DecisionLog.Capacity + 5; i++)
        {
            log.Add(Draft(Now));
        }

        Assert.Equal(DecisionLog.Capacity, log.Decisions.Count);
        Assert.Equal("d-00000006", log.Decisions[0].Id);
    }

    private static RebalanceDecision Draft(DateTimeOffset at) => new()
    {
        Id = "",
        At = at,
        Kind = DecisionKind.Drain,
        Node = "dc1/n1",
        Reason = "test",
        Signals = new Dictionary<string, double>(),
    };
}
