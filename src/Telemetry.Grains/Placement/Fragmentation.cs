namespace Telemetry.Grains.Placement;

/// <summary>
/// How many of a node's free GPUs the typical next job could not use, after Alibaba's fragmentation-gradient
/// scheduling (Weng et al., ATC '23): for each common job size s with share p, the GPUs left over once as many
/// s-GPU jobs as fit are packed (L mod s), weighted by p. Placing a job where this rises least strands the fewest GPUs.
/// </summary>
public static class Fragmentation
{
    /// <summary>Job sizes (GPUs) and their shares of new jobs: many single-GPU jobs, most GPUs in whole-node jobs.</summary>
    public static readonly (int Gpus, double Share)[] JobMix = [(1, 0.25), (2, 0.15), (4, 0.2), (8, 0.4)];

    /// <summary>Expected GPUs stranded on a node with <paramref name="free"/> free GPUs.</summary>
    public static double Of(int free)
    {
        var stranded = 0.0;
        foreach (var (gpus, share) in JobMix)
        {
            stranded += share * (free % gpus);
        }

        return stranded;
    }

    /// <summary>Stranded GPUs removed by taking <paramref name="take"/> of <paramref name="free"/>: positive is better.</summary>
    public static double Gain(int free, int take) => Of(free) - Of(free - take);
}
