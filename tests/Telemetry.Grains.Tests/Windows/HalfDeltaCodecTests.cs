using Telemetry.Grains.Windows;

namespace Telemetry.Grains.Tests.Windows;

public class HalfDeltaCodecTests
{
    public static TheoryData<int> Seeds => [1, 2, 3, 4, 5];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Decode_AnyBitPatterns_GivesThemBackExactly(int seed)
    {
        var random = new Random(seed);
        for (var trial = 0; trial < 200; trial++)
        {
            var values = new ushort[random.Next(1, 40)];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = (ushort)random.Next(0x10000);
            }

            AssertRoundTrip(values);
        }
    }

    [Fact]
    public void Decode_EdgePatterns_GivesThemBackExactly()
    {
        ushort[] edges =
        [
            Bits(Half.NaN), Bits(Half.PositiveInfinity), Bits(Half.NegativeInfinity), Bits(Half.MaxValue), Bits(Half.MinValue),
            Bits(Half.Epsilon), Bits(-Half.Epsilon), 0x0000, 0x8000, 0xFFFF, 0x7FFF, 0x7C01, Bits(Half.NaN),
        ];
        AssertRoundTrip(edges);
        AssertRoundTrip([0x8000, 0x0000, 0x8000]);
        AssertRoundTrip([0xFFFF, 0x7FFF]);
        AssertRoundTrip([Bits(Half.NaN)]);
    }

    [Fact]
    public void Encode_ConstantValues_TakesOnlyTheHeader()
    {
        var values = Enumerable.Repeat(Bits((Half)42.5), 30).ToArray();
        var bytes = new byte[HalfDeltaCodec.MaxBytes(values.Length)];

        Assert.Equal(4, HalfDeltaCodec.Encode(values, bytes));
        AssertRoundTrip(values);
    }

    [Fact]
    public void Encode_SlowlyMovingValues_TakesLessThanHalfTheRawBytes()
    {
        var random = new Random(3);
        var value = 700.0;
        var values = new ushort[30];
        for (var i = 0; i < values.Length; i++)
        {
            value += (random.NextDouble() - 0.5) * 4;
            values[i] = Bits((Half)value);
        }

        var bytes = new byte[HalfDeltaCodec.MaxBytes(values.Length)];

        Assert.True(HalfDeltaCodec.Encode(values, bytes) < values.Length, "a moving power reading should pack under 8 bits a value");
        AssertRoundTrip(values);
    }

    private static void AssertRoundTrip(ushort[] values)
    {
        var bytes = new byte[HalfDeltaCodec.MaxBytes(values.Length) + 3];
        bytes.AsSpan().Fill(0xA5);
        var written = HalfDeltaCodec.Encode(values, bytes);
        Assert.InRange(written, 1, HalfDeltaCodec.MaxBytes(values.Length));

        var decoded = new ushort[values.Length];
        var read = HalfDeltaCodec.Decode(bytes.AsSpan(0, written), decoded);

        Assert.Equal(written, read);
        Assert.Equal(values, decoded);
    }

    private static ushort Bits(Half value) => BitConverter.HalfToUInt16Bits(value);
}
