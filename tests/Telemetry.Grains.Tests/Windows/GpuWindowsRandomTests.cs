using Telemetry.Fields;
using Telemetry.Grains.Windows;

namespace Telemetry.Grains.Tests.Windows;

/// <summary>Windows against a brute-force computation over random data, using the documented rounding rule.</summary>
public class GpuWindowsRandomTests
{
    private const long T0 = 1_700_000_000_000;

    public static TheoryData<int> Seeds => [1, 2, 3, 4, 5];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Snapshot_RandomData_MatchesBruteForce(int seed) => AssertMatchesBruteForce(seed, constantBlocks: 0);

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Snapshot_ConstantThenRandomData_MatchesBruteForce(int seed) => AssertMatchesBruteForce(seed, constantBlocks: 10 * seed);

    // Counted with the rows while every row measures the field (over an hour, so buckets retire to history), then on its own.
    [Theory]
    [MemberData(nameof(Seeds))]
    public void Snapshot_MeasuredInEveryRowThenWithGaps_MatchesBruteForce(int seed) =>
        AssertMatchesBruteForce(seed, constantBlocks: 0, measuredBlocks: 60);

    // Integer values keep float sums until one (past 2^24, or a fraction later) is not exactly a float.
    [Theory]
    [MemberData(nameof(Seeds))]
    public void Snapshot_IntegerThenFractionalData_MatchesBruteForce(int seed) =>
        AssertMatchesBruteForce(seed, constantBlocks: 0, integerBlocks: 20 * seed);

    private static void AssertMatchesBruteForce(int seed, int constantBlocks, int measuredBlocks = 0, int integerBlocks = 0)
    {
        var random = new Random(seed);
        var windows = new GpuWindows();
        var all = new List<(long T, double V)>();
        var t = T0 + random.Next(10_000);
        for (var block = 0; block < 120; block++)
        {
            var timestamps = new long[random.Next(1, 40)];
            for (var i = 0; i < timestamps.Length; i++)
            {
                // Mostly 10 Hz, sometimes equal timestamps, sometimes gaps of up to 40 s.
                t += random.Next(10) == 0 ? random.Next(40_000) : random.Next(0, 200);
                timestamps[i] = t;
            }

            var values = block < constantBlocks
                ? timestamps.Select(_ => 0.1).ToArray()
                : timestamps.Select(_ => random.Next(8) == 0 && block >= measuredBlocks ? double.NaN : Draw(random, block < integerBlocks)).ToArray();
            windows.Add(SampleBlock.Of(timestamps, (i, row) => row[FieldCatalog.PowerW - 1] = values[i]));
            all.AddRange(timestamps.Zip(values).Where(p => !double.IsNaN(p.Second)));

            var snapshot = windows.Snapshot();
            AssertWindow(snapshot, "10s", all, t, 10_000, 1_000);
            AssertWindow(snapshot, "1m", all, t, 60_000, 10_000);
            AssertWindow(snapshot, "5m", all, t, 300_000, 10_000);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Snapshot_RandomValuesAtTenHertz_P95WithinOneBinOfExact(int seed) => AssertP95WithinOneBin(seed, stepMs: 100);

    // At 1 Hz every bucket lists its samples' bins instead of keeping a full histogram.
    [Theory]
    [MemberData(nameof(Seeds))]
    public void Snapshot_RandomValuesAtOneHertz_P95WithinOneBinOfExact(int seed) => AssertP95WithinOneBin(seed, stepMs: 1_000);

    private static void AssertP95WithinOneBin(int seed, long stepMs)
    {
        var random = new Random(seed);
        var windows = new GpuWindows();
        var util = new List<(long T, double V)>();
        var temp = new List<(long T, double V)>();
        var power = new List<(long T, double V)>();
        var timestamps = Enumerable.Range(0, 4_000).Select(i => T0 + (i * stepMs)).ToArray();
        windows.Add(SampleBlock.Of(timestamps, (i, row) =>
        {
            // Skewed values, so the p95 falls in a busy part of the range.
            row[FieldCatalog.GpuUtilPct - 1] = 100 * Math.Sqrt(random.NextDouble());
            row[FieldCatalog.GpuTempC - 1] = 30 + (60 * random.NextDouble() * random.NextDouble());
            row[FieldCatalog.PowerW - 1] = 1_000 * Math.Pow(random.NextDouble(), 0.3);
            util.Add((timestamps[i], row[FieldCatalog.GpuUtilPct - 1]));
            temp.Add((timestamps[i], row[FieldCatalog.GpuTempC - 1]));
            power.Add((timestamps[i], row[FieldCatalog.PowerW - 1]));
        }));

        var newest = timestamps[^1];
        foreach (var (window, duration, width) in new[] { ("10s", 10_000L, 1_000L), ("1m", 60_000L, 10_000L), ("5m", 300_000L, 10_000L) })
        {
            var stats = windows.Snapshot()[window];
            AssertP95(stats["gpu_util_pct"].P95, Covered(util, newest, duration, width), 100.0 / 64);
            AssertP95(stats["gpu_temp_c"].P95, Covered(temp, newest, duration, width), 2);
            AssertP95(stats["power_w"].P95, Covered(power, newest, duration, width), 25);
        }
    }

    private static void AssertP95(double? actual, double[] covered, double binWidth)
    {
        Array.Sort(covered);
        var exact = covered[(int)(((95L * covered.Length) + 99) / 100) - 1];
        Assert.NotNull(actual);
        Assert.True(Math.Abs(actual.Value - exact) < binWidth, $"p95 {actual} vs exact {exact}, bin {binWidth}");
    }

    private static double[] Covered(List<(long T, double V)> samples, long newest, long duration, long width)
    {
        var start = (long)Math.Floor((newest - duration) / (double)width) * width;
        return [.. samples.Where(s => s.T >= start && s.T <= newest).Select(s => s.V)];
    }

    private static double Draw(Random random, bool integer) => integer
        ? random.Next(-500, 1_500) * (random.Next(50) == 0 ? 100_003 : 1)
        : (random.NextDouble() * 2_000) - 500;

    private static void AssertWindow(
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, State.WindowStats>> snapshot,
        string window,
        List<(long T, double V)> all,
        long newest,
        long duration,
        long width)
    {
        var covered = Covered(all, newest, duration, width);
        if (covered.Length == 0)
        {
            Assert.False(snapshot[window].ContainsKey("power_w"));
            return;
        }

        var stats = snapshot[window]["power_w"];
        Assert.Equal(covered.Length, stats.Count);
        Assert.Equal(covered.Min(), stats.Min);
        Assert.Equal(covered.Max(), stats.Max);
        // Sums in another order than the buckets' differ in their last bits.
        Assert.Equal(covered.Average(), stats.Mean, Math.Max(1e-9, Math.Abs(covered.Average()) * 1e-14));
    }
}
