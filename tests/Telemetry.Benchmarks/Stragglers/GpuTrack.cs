namespace Telemetry.Benchmarks.Stragglers;

/// <summary>One simulated GPU as the scorer follows it: the job it reports, and its 10-second means.</summary>
internal sealed class GpuTrack
{
    public string? JobId { get; set; }

    public double[] Means { get; } = new double[Fields.FieldCatalog.Count];
}
