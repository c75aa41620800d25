using Telemetry.Grains.Nodes;

namespace Telemetry.Grains.Tests.Nodes;

public sealed class BootSequencesTests
{
    [Fact]
    public void IsReplay_SeqNotNewerForSameBoot_IsTrue()
    {
        var boots = new BootSequences();
        boots.Record("a", 5);

        Assert.True(boots.IsReplay("a", 5));
        Assert.True(boots.IsReplay("a", 1));
        Assert.False(boots.IsReplay("a", 6));
    }

    [Fact]
    public void IsReplay_NewBoot_StartsNewSequence()
    {
        var boots = new BootSequences();
        boots.Record("a", 500);

        Assert.False(boots.IsReplay("b", 1));
        boots.Record("b", 1);
        Assert.Equal("b", boots.CurrentBootId);
        Assert.Equal(1UL, boots.CurrentSeq);
    }

    [Fact]
    public void IsReplay_LateRetryFromEarlierBoot_IsStillRecognised()
    {
        var boots = new BootSequences();
        boots.Record("a", 10);
        boots.Record("b", 1);

        Assert.True(boots.IsReplay("a", 10));
        Assert.False(boots.IsReplay("a", 11));
    }

    [Fact]
    public void Record_BeyondCapacity_ForgetsTheOldestBoot()
    {
        var boots = new BootSequences();
        for (var i = 0; i <= BootSequences.Capacity; i++)
        {
            boots.Record($"boot{i}", 7);
        }

        Assert.False(boots.IsReplay("boot0", 7));
        Assert.True(boots.IsReplay($"boot{BootSequences.Capacity}", 7));
    }

    [Fact]
    public void Import_OfExport_RecognisesTheSameReplays()
    {
        var boots = new BootSequences();
        boots.Record("a", 10);
        boots.Record("b", 3);

        var restored = new BootSequences();
        restored.Import(boots.Export());

        Assert.True(restored.IsReplay("a", 10));
        Assert.True(restored.IsReplay("b", 3));
        Assert.False(restored.IsReplay("b", 4));
        Assert.Equal("b", restored.CurrentBootId);
    }
}
