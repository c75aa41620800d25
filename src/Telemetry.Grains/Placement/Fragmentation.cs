using Telemetry.Placement;

namespace Telemetry.Grains.Placement;

/// <summary>
/// A node's fragmentation after Alibaba's fragmentation-gradient scheduling (Weng et al., "Beware of
/// Fragmentation", ATC '23): the GPU capacity the next job, drawn from the <see cref="WorkloadMix"/>, could not
/// use there, in GPUs. A job of k whole GPUs cannot use the free remainders of shared GPUs, nor anything when
/// fewer than k GPUs are whole and free; a share of d thousandths cannot use a GPU with less than d free.
/// </summary>
/// <remarks>
/// Over a node's free thousandths per GPU f (1000 for a whole free GPU), with W whole free GPUs, P its partial
/// remainders and F all it has free: <c>Σ f·share(d &gt; f) + P·whole(k ≤ W) + F·whole(k &gt; W)</c>. The changes a
/// placement makes follow in O(1) from W and the GPU it shares: the remainders of other GPUs cancel out, which
/// is what lets the index bound a whole bucket of nodes at once.
/// </remarks>
public static class Fragmentation
{
    /// <summary>Expected GPUs of a node the next job could not use, given each GPU's free thousandths.</summary>
    public static double Of(WorkloadMix mix, IReadOnlyList<int> freeMilli)
    {
        int whole = 0, partial = 0;
        var unusableByShares = 0.0;
        foreach (var free in freeMilli)
        {
            if (free >= GpuShares.Whole)
            {
                whole++;
            }
            else if (free > 0)
            {
                partial += free;
                unusableByShares += free * mix.ShareAbove(free);
            }
        }

        var total = (whole * GpuShares.Whole) + partial;
        return (unusableByShares + (partial * mix.WholeAtMost(whole)) + (total * mix.WholeAbove(whole))) / GpuShares.Whole;
    }

    /// <summary>The change in fragmentation, GPUs, of taking <paramref name="take"/> of a node's <paramref name="wholeFree"/> whole free GPUs: lower is better.</summary>
    public static double OfWhole(WorkloadMix mix, int wholeFree, int take)
    {
        var left = wholeFree - take;
        return (left * mix.WholeAbove(left)) - (wholeFree * mix.WholeAbove(wholeFree));
    }

    /// <summary>
    /// The change in fragmentation, GPUs, of putting <paramref name="take"/> thousandths on a GPU with
    /// <paramref name="freeMilli"/> free (1000: breaking one of the node's <paramref name="wholeFree"/> whole free GPUs).
    /// </summary>
    public static double OfShare(WorkloadMix mix, int freeMilli, int take, int wholeFree)
    {
        var left = freeMilli - take;
        var remainders = Unusable(mix, left) - Unusable(mix, freeMilli);
        if (freeMilli < GpuShares.Whole)
        {
            // Less free on a shared GPU: whole-GPU jobs lose nothing they could have used.
            return (remainders - (take * mix.WholeShare)) / GpuShares.Whole;
        }

        // One whole GPU fewer: jobs of exactly W GPUs no longer fit, and the remainder joins the partial ones.
        var lastFit = wholeFree * GpuShares.Whole * mix.Whole(wholeFree);
        return (remainders + lastFit + (GpuShares.Whole * mix.WholeAtMost(wholeFree - 1)) - (take * mix.WholeShare)) / GpuShares.Whole;
    }

    // Thousandths of one GPU with this much free that no share of the mix fits.
    private static double Unusable(WorkloadMix mix, int freeMilli) =>
        freeMilli is <= 0 or >= GpuShares.Whole ? 0 : freeMilli * mix.ShareAbove(freeMilli);
}
