namespace Telemetry.Grains.Placement;

/// <summary>
/// The score of a place for a job (docs/placement.md): the data center's admission weight times
/// <c>100 − 10·Δfragmentation + tie-breakers</c>, where Δfragmentation (GPUs, <see cref="Fragmentation"/>) is
/// what the placement adds to its node's fragmentation for the recent job mix. Whole GPUs and shares are judged
/// on that one scale; best fit, then headroom, only break ties. A job that names no model loses up to
/// <see cref="PerScarcity"/> points on a node of a model that the jobs naming it need (<see cref="Scarcity"/>).
/// </summary>
public static class PlacementScore
{
    public const double Base = 100;

    /// <summary>Points per GPU of fragmentation added (0.01 per thousandth).</summary>
    public const double PerFragmentedGpu = 10;

    /// <summary>Points for a node left with nothing free; less the more is left (below one thousandth of fragmentation).</summary>
    public const double FitWeight = 0.004;

    /// <summary>Points for full headroom: below one GPU of fit on an 8-GPU node, so it orders only places that pack alike.</summary>
    public const double HeadroomWeight = 0.0004;

    /// <summary>
    /// Points taken from a job that names no model for a node of a model whose free capacity is fully needed by the jobs
    /// that name it (scarcity 1, <see cref="Scarcity"/>): four GPUs of fragmentation, so such a job goes elsewhere
    /// wherever else it fits without fragmenting much worse.
    /// </summary>
    public const double PerScarcity = 40;

    /// <summary>Demand share over free share at or below which a model counts as plentiful (no penalty).</summary>
    public const double PlentifulRatio = 0.5;

    /// <summary>The least score a place gets, so the admission weight still ranks a place that fragments badly.</summary>
    public const double Floor = 0.01;

    /// <summary>
    /// The unweighted score of a place whose placement adds <paramref name="fragmentation"/> GPUs of fragmentation and
    /// leaves <paramref name="leftGpus"/> GPUs (fractions too) free on its node of <paramref name="size"/> GPUs.
    /// </summary>
    public static double Of(double fragmentation, double leftGpus, int size, double headroom, double scarcity = 0) =>
        Math.Max(Floor,
            Base - (PerFragmentedGpu * fragmentation) - (PerScarcity * Math.Clamp(scarcity, 0, 1))
            + (FitWeight * (1 - Math.Clamp(leftGpus / Math.Max(size, 1), 0, 1)))
            + (HeadroomWeight * Math.Clamp(headroom, 0, 1)));

    /// <summary>The unweighted score of taking <paramref name="take"/> of a node's <paramref name="free"/> whole free GPUs.</summary>
    public static double Packing(WorkloadMix mix, int free, int take, int size, double headroom, double scarcity = 0) =>
        Of(Fragmentation.OfWhole(mix, free, take), free - take, size, headroom, scarcity);

    /// <summary>The best score any node with <paramref name="free"/> whole free GPUs could reach for <paramref name="take"/>.</summary>
    public static double UpperBound(WorkloadMix mix, int free, int take) =>
        Of(Fragmentation.OfWhole(mix, free, take), 0, 1, 1);

    /// <summary>
    /// The unweighted score of putting <paramref name="take"/> thousandths on a GPU with <paramref name="freeMilli"/> free
    /// (1000: breaking one of the node's <paramref name="wholeFree"/> whole free GPUs).
    /// </summary>
    public static double Share(WorkloadMix mix, int freeMilli, int take, int wholeFree, int size, double headroom, double scarcity = 0) =>
        Of(Fragmentation.OfShare(mix, freeMilli, take, wholeFree), (freeMilli - take) / 1000.0, size, headroom, scarcity);

    /// <summary>The best score a GPU with <paramref name="freeMilli"/> free could reach for <paramref name="take"/>.</summary>
    public static double ShareUpperBound(WorkloadMix mix, int freeMilli, int take, int wholeFree) =>
        Of(Fragmentation.OfShare(mix, freeMilli, take, wholeFree), 0, 1, 1);

    /// <summary>The score as answers show it: three decimals (a thousandth of a GPU of fragmentation is 0.01).</summary>
    public static double Round(double score) => Math.Round(score, 3);

    /// <summary>
    /// How scarce a model is for jobs that could run elsewhere, 0–1: the share <paramref name="namedShare"/> of recent
    /// GPU demand that names it against its share of the data center's free GPUs (<paramref name="modelFree"/> of
    /// <paramref name="allFree"/>). 0 while it has at least twice the room its demand would take
    /// (<see cref="PlentifulRatio"/>), 1 once it has no more than that demand; linear between.
    /// </summary>
    public static double Scarcity(double namedShare, double modelFree, double allFree)
    {
        if (namedShare <= 0 || allFree <= 0)
        {
            return 0;
        }

        var ratio = modelFree <= 0 ? double.PositiveInfinity : namedShare * allFree / modelFree;
        return Math.Clamp((ratio - PlentifulRatio) / (1 - PlentifulRatio), 0, 1);
    }
}
