namespace Telemetry.State;

/// <summary>Utilization of a set of GPUs, percent: mean and 95th percentile over the GPUs' newest samples.</summary>
[GenerateSerializer, Immutable, Alias("telemetry.UtilizationSummary")]
public sealed record UtilizationSummary([property: Id(0)] double Mean, [property: Id(1)] double P95)
{
    public static UtilizationSummary Zero { get; } = new(0, 0);
}
