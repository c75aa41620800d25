using Telemetry.Placement;

namespace Telemetry.Grains.Placement;

/// <summary>
/// The score of putting a job on a node (docs/placement.md): the data center's admission weight times
/// <c>100 + 10·fragmentation gain + 3·fit − 5·(one GPU left) + 3·headroom</c>. Packing outweighs headroom,
/// and a node left with a single free GPU always ranks below one the job fills.
/// </summary>
public static class PlacementScore
{
    public const double Base = 100;
    public const double PerStrandedGpu = 10;
    public const double FitWeight = 3;
    public const double LoneGpuPenalty = 5;
    public const double HeadroomWeight = 3;

    /// <summary>The unweighted score of taking <paramref name="take"/> of <paramref name="free"/> GPUs on a node of <paramref name="size"/>.</summary>
    public static double Packing(int free, int take, int size, double headroom)
    {
        var left = free - take;
        return Base
            + (PerStrandedGpu * Fragmentation.Gain(free, take))
            + (FitWeight * (1 - ((double)left / Math.Max(size, 1))))
            - (left == 1 ? LoneGpuPenalty : 0)
            + (HeadroomWeight * Math.Clamp(headroom, 0, 1));
    }

    /// <summary>The best score any node with <paramref name="free"/> free GPUs could reach for <paramref name="take"/>.</summary>
    public static double UpperBound(int free, int take) =>
        Base + (PerStrandedGpu * Fragmentation.Gain(free, take)) + FitWeight - ((free - take) == 1 ? LoneGpuPenalty : 0) + HeadroomWeight;

    /// <summary>
    /// Lifts any fraction on a GPU already shared above breaking a whole GPU (at most 113.5 points), so whole GPUs
    /// stay whole for whole-GPU jobs, as fragmentation-gradient scheduling does.
    /// </summary>
    public const double SharedBonus = 20;

    /// <summary>The unweighted score of putting <paramref name="take"/> thousandths on a shared GPU with <paramref name="freeMilli"/> free: best fit first.</summary>
    public static double Share(int freeMilli, int take, double headroom) =>
        Base + SharedBonus + (FitWeight * (1 - ((double)(freeMilli - take) / GpuShares.Whole))) + (HeadroomWeight * Math.Clamp(headroom, 0, 1));

    /// <summary>The best score any shared GPU with <paramref name="freeMilli"/> free could reach for <paramref name="take"/>.</summary>
    public static double ShareUpperBound(int freeMilli, int take) => Share(freeMilli, take, 1);

    public static double Round(double score) => Math.Round(score, 2);
}
