using System.Diagnostics;
using Telemetry.Fields;
using Telemetry.Grains.Windows;
using Telemetry.Wire;
using Xunit.Abstractions;

namespace Telemetry.Grains.Tests.Windows;

/// <summary>
/// Prints the memory an hour of samples leaves per GPU, for realistic and worst-case data;
/// asserts only behaviour (a byte count would be brittle).
/// </summary>
public class GpuWindowsMemoryReport(ITestOutputHelper output)
{
    private const long T0 = 1_700_000_000_000;
    private const int Gpus = 500;
    private const int Seconds = 3_700; // more than an hour of 10-second history and the 5 m ring
    private const int RowsPerBlock = 5;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Add_AnHourOfSamples_PrintsMemoryPerGpu(bool worstCase)
    {
        var blocks = Blocks(worstCase);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var windows = new GpuWindows[Gpus];
        var clock = Stopwatch.StartNew();
        for (var g = 0; g < Gpus; g++)
        {
            windows[g] = new GpuWindows();
            foreach (var block in blocks)
            {
                windows[g].Add(block);
            }
        }

        var elapsed = clock.Elapsed;
        var after = GC.GetTotalMemory(forceFullCollection: true);
        output.WriteLine(
            $"{(worstCase ? "worst case" : "realistic")}: {(after - before) / (double)Gpus / 1024:F1} KB per GPU, " +
            $"added in {elapsed.TotalMilliseconds * 1_000 / Gpus / Seconds:F2} µs per row");

        var packed = FieldCatalog.All
            .Select(f => windows[0].HistoryPackedBytes(f.Id))
            .Where(b => b.Allocated > 0)
            .ToArray();
        output.WriteLine(
            $"  history of the {packed.Length} varying fields: packed blocks {packed.Average(b => b.Used):F0} B a field " +
            $"({packed.Min(b => b.Used)}–{packed.Max(b => b.Used)}), arrays {packed.Average(b => b.Allocated):F0} B");

        Assert.All(windows, w => Assert.Equal(Seconds, w.SampleCount));
        Assert.Equal(361, windows[0].History(FieldCatalog.PowerW, 60).Length);
        GC.KeepAlive(blocks);
    }

    private static List<GpuSamples> Blocks(bool worstCase)
    {
        var random = new Random(7);
        var blocks = new List<GpuSamples>();
        var state = new RealisticGpu(random);
        for (var s = 0; s < Seconds; s += RowsPerBlock)
        {
            var timestamps = Enumerable.Range(s, RowsPerBlock).Select(i => T0 + (i * 1_000L)).ToArray();
            blocks.Add(SampleBlock.Of(timestamps, (_, row) =>
            {
                if (worstCase)
                {
                    for (var c = 0; c < row.Length; c++)
                    {
                        row[c] = random.NextDouble() * 1e6;
                    }
                }
                else
                {
                    state.Fill(row);
                }
            }));
        }

        return blocks;
    }
}
