using Telemetry.Fields;
using Telemetry.Grains.Jobs;

namespace Telemetry.Grains.Tests.Jobs;

public class ClockReasonBitsTests
{
    [Fact]
    public void Of_BucketWithSeveralMasks_IsTheirUnion()
    {
        var bits = new ClockReasonBits();
        bits.Add(SampleBlock.Series(20_000, 1_000, 12, FieldCatalog.ClockEventReasons, i => i switch { 0 => 0x8, 5 => 0x40, 11 => 0x4, _ => 0 }));

        Assert.Equal(0x48, bits.Of(2));
        Assert.Equal(0x4, bits.Of(3));
        Assert.Equal(0, bits.Of(1));
    }

    [Fact]
    public void Of_BucketOverwrittenByANewerOne_IsZero()
    {
        var bits = new ClockReasonBits();
        bits.Add(SampleBlock.One(0, (FieldCatalog.ClockEventReasons, 0x8)));
        bits.Add(SampleBlock.One(40_000, (FieldCatalog.ClockEventReasons, 0x1)));

        Assert.Equal(0, bits.Of(0));
        Assert.Equal(0x1, bits.Of(4));
    }
}
