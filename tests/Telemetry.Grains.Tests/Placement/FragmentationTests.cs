using Telemetry.Grains.Placement;
using Telemetry.Placement;

namespace Telemetry.Grains.Tests.Placement;

public sealed class FragmentationTests
{
    [Fact]
    public void Of_CountsWhatEachShapeCannotUse()
    {
        // Half the jobs take one whole GPU, half take 500 thousandths.
        var mix = new WorkloadMix([(1, null, 0.5), (1, 500, 0.5)], requests: 1);

        // A whole free GPU, one with 300 free, one full: the 500-share cannot use the 300 (150), nor can the
        // 1-GPU job (150); each can use the whole GPU.
        Assert.Equal(0.3, Fragmentation.Of(mix, [1000, 300, 0]), 9);

        // No whole GPU: the 1-GPU job cannot use anything (1100 × 0.5); the 500-share cannot use the 300 (150).
        Assert.Equal(0.7, Fragmentation.Of(mix, [800, 300]), 9);
    }

    [Fact]
    public void Of_AnEmptyOrFullNode_IsNotFragmentedForJobsThatFit()
    {
        var mix = new WorkloadMix([(1, null, 0.5), (8, null, 0.5)], requests: 1);

        Assert.Equal(0, Fragmentation.Of(mix, [.. Enumerable.Repeat(1000, 8)]), 9);
        Assert.Equal(0, Fragmentation.Of(mix, [.. Enumerable.Repeat(0, 8)]), 9);

        // Seven free: the 8-GPU job cannot run, so all seven are lost to it.
        Assert.Equal(3.5, Fragmentation.Of(mix, [0, .. Enumerable.Repeat(1000, 7)]), 9);
    }

    [Fact]
    public void OfWholeAndOfShare_EqualTheChangeInOf_OnRandomNodesAndMixes()
    {
        var random = new Random(7);
        for (var trial = 0; trial < 500; trial++)
        {
            var mix = RandomMix(random);
            var node = RandomNode(random);
            var whole = node.Count(f => f == GpuShares.Whole);

            if (whole > 0)
            {
                var take = random.Next(1, whole + 1);
                var after = Take(node, take);
                Assert.Equal(Fragmentation.Of(mix, after) - Fragmentation.Of(mix, node), Fragmentation.OfWhole(mix, whole, take), 9);
            }

            var gpu = random.Next(node.Length);
            if (node[gpu] > 0)
            {
                var share = random.Next(1, Math.Min(node[gpu], GpuShares.MaxShare) + 1);
                var after = (int[])node.Clone();
                after[gpu] -= share;
                Assert.Equal(Fragmentation.Of(mix, after) - Fragmentation.Of(mix, node), Fragmentation.OfShare(mix, node[gpu], share, whole), 9);
            }
        }
    }

    [Fact]
    public void OfWhole_OneGpuHeavyMix_PrefersFillingAPartlyUsedNode()
    {
        var mix = new WorkloadMix([(1, null, 0.9), (8, null, 0.1)], requests: 1);

        // Taking one of eight free leaves seven the 8-GPU jobs cannot use; taking one of three removes nothing they could.
        Assert.Equal(0.7, Fragmentation.OfWhole(mix, 8, 1), 9);
        Assert.Equal(-0.1, Fragmentation.OfWhole(mix, 3, 1), 9);
    }

    [Fact]
    public void OfShare_PrefersTheRemainderTheMixCanUse()
    {
        var mix = new WorkloadMix([(1, null, 0.5), (1, 300, 0.5)], requests: 1);

        // 250 on a GPU with 400 free leaves 150, which no 300-share can use; on one with 600 free it leaves 350, which one can.
        Assert.True(Fragmentation.OfShare(mix, 600, 250, 0) < Fragmentation.OfShare(mix, 400, 250, 0));
    }

    private static WorkloadMix RandomMix(Random random)
    {
        var shapes = new List<(int, int?, double)>();
        for (var i = random.Next(1, 6); i > 0; i--)
        {
            shapes.Add(random.Next(2) == 0 ? (random.Next(1, 10), null, random.NextDouble()) : (1, random.Next(1, 1000), random.NextDouble()));
        }

        return new WorkloadMix(shapes, requests: 10);
    }

    private static int[] RandomNode(Random random) =>
        [.. Enumerable.Range(0, random.Next(1, 9)).Select(_ => random.Next(3) switch { 0 => GpuShares.Whole, 1 => 0, _ => random.Next(1, GpuShares.Whole) })];

    private static int[] Take(int[] node, int wholeGpus)
    {
        var after = (int[])node.Clone();
        for (var i = 0; i < after.Length && wholeGpus > 0; i++)
        {
            if (after[i] == GpuShares.Whole)
            {
                after[i] = 0;
                wholeGpus--;
            }
        }

        return after;
    }
}
