using Telemetry.Fields;
using Telemetry.Grains.Windows;

namespace Telemetry.Grains.Tests.Windows;

/// <summary>The packed history against a plain array of Half values written the same way.</summary>
public class FieldHistoryTests
{
    public static TheoryData<int> Seeds => [1, 2, 3, 4, 5];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void ReadAll_ThreeHoursInOrder_EqualsPlainHalfArray(int seed)
    {
        var random = new Random(seed);
        var history = new FieldHistory(FieldCatalog.PowerW);
        var plain = new PlainHistory(FieldHistory.ScaleFor(FieldCatalog.PowerW));
        var power = 600.0;
        for (var bucket = 0; bucket < 3 * 360; bucket++)
        {
            power = Math.Clamp(power + ((random.NextDouble() - 0.5) * 30), 100, 1_000);
            var measured = random.Next(20) != 0;
            Write(history, plain, bucket % HistoryTags.Slots, measured ? power : double.NaN, measured ? Math.Round(power + 10) : double.NaN);
            if (bucket % 7 == 0)
            {
                AssertSame(plain, history);
            }
        }

        AssertSame(plain, history);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void ReadAll_WritesInAnyOrder_EqualsPlainHalfArray(int seed)
    {
        var random = new Random(seed);
        var history = new FieldHistory(FieldCatalog.GpuUtilPct);
        var plain = new PlainHistory(FieldHistory.ScaleFor(FieldCatalog.GpuUtilPct));
        for (var write = 0; write < 2_000; write++)
        {
            var value = random.Next(4) == 0 ? (random.NextDouble() * 200) - 100 : random.Next(101);
            Write(history, plain, random.Next(HistoryTags.Slots), value, value + random.Next(5));
        }

        AssertSame(plain, history);
    }

    [Fact]
    public void ReadAll_ValuesThatOverflowHalf_RescaleEveryBlockAsThePlainArrayDoes()
    {
        var random = new Random(9);
        var history = new FieldHistory(FieldCatalog.PcieRxBytesPerSec);
        var plain = new PlainHistory(FieldHistory.ScaleFor(FieldCatalog.PcieRxBytesPerSec));
        for (var bucket = 0; bucket < 500; bucket++)
        {
            // Each hundred buckets reach a hundred times higher, past what the scale before could hold.
            var value = random.NextDouble() * 2e10 * Math.Pow(100, bucket / 100);
            Write(history, plain, bucket % HistoryTags.Slots, value, value * 1.5);
        }

        AssertSame(plain, history);
    }

    [Fact]
    public void ReadAll_NothingWritten_IsAllNaN()
    {
        var history = new FieldHistory(FieldCatalog.GpuTempC);
        var means = new ushort[HistoryTags.Slots];
        var maxes = new ushort[HistoryTags.Slots];

        history.ReadAll(means, maxes);

        Assert.All(means, m => Assert.True(double.IsNaN(history.ValueOf(m))));
        Assert.All(maxes, m => Assert.True(double.IsNaN(history.ValueOf(m))));
    }

    private static void Write(FieldHistory history, PlainHistory plain, int slot, double mean, double max)
    {
        history.Set(slot, mean, max);
        plain.Set(slot, mean, max);
    }

    private static void AssertSame(PlainHistory plain, FieldHistory history)
    {
        var means = new ushort[HistoryTags.Slots];
        var maxes = new ushort[HistoryTags.Slots];
        history.ReadAll(means, maxes);
        for (var slot = 0; slot < HistoryTags.Slots; slot++)
        {
            Assert.Equal(plain.Mean(slot), history.ValueOf(means[slot]));
            Assert.Equal(plain.Max(slot), history.ValueOf(maxes[slot]));
        }
    }

    /// <summary>The straightforward layout: a Half per mean and max, rescaled in place when a value overflows.</summary>
    private sealed class PlainHistory
    {
        private readonly Half[] _values = Enumerable.Repeat(Half.NaN, 2 * HistoryTags.Slots).ToArray();
        private double _scale;

        public PlainHistory(double scale) => _scale = scale;

        public void Set(int slot, double mean, double max)
        {
            var scale = _scale;
            while (Half.IsInfinity((Half)(mean * scale)) || Half.IsInfinity((Half)(max * scale)))
            {
                scale /= 2;
            }

            for (var i = 0; scale != _scale && i < _values.Length; i++)
            {
                _values[i] = (Half)((double)_values[i] * (scale / _scale));
            }

            _scale = scale;
            _values[2 * slot] = (Half)(mean * scale);
            _values[(2 * slot) + 1] = (Half)(max * scale);
        }

        public double Mean(int slot) => (double)_values[2 * slot] / _scale;

        public double Max(int slot) => (double)_values[(2 * slot) + 1] / _scale;
    }
}
