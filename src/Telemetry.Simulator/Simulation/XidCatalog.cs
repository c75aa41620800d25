namespace Telemetry.Exporter.Simulation;

/// <summary>
/// The XIDs the simulator raises and their relative frequency. The shape follows what large fleets
/// report: application-triggered faults (13, 31, 43) are the most common, then memory (63, 94, 48)
/// and the hardware losses that need a reset (79, 74, 119); 64 and 95 are rare.
/// </summary>
internal static class XidCatalog
{
    public static IReadOnlyList<XidKind> Kinds { get; } =
    [
        new(13, 16, XidEffect.JobCrash),
        new(31, 18, XidEffect.JobCrash),
        new(43, 12, XidEffect.JobCrash),
        new(63, 10, XidEffect.PendingRowRemap),
        new(94, 8, XidEffect.JobCrash),
        new(79, 10, XidEffect.GpuLost),
        new(74, 8, XidEffect.GpuLost),
        new(48, 5, XidEffect.DoubleBitEcc),
        new(119, 6, XidEffect.GpuLost),
        new(92, 3, XidEffect.SingleBitStorm),
        new(64, 2, XidEffect.RowRemapFailure),
        new(95, 2, XidEffect.GpuLost),
    ];

    private static readonly double TotalWeight = Kinds.Sum(k => k.Weight);

    /// <summary>Picks a kind with probability proportional to its weight; <paramref name="u"/> is uniform in [0, 1).</summary>
    public static XidKind Pick(double u)
    {
        var target = u * TotalWeight;
        foreach (var kind in Kinds)
        {
            target -= kind.Weight;
            if (target < 0)
            {
                return kind;
            }
        }

        return Kinds[^1];
    }
}
