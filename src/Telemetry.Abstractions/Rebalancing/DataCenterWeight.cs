namespace Telemetry.Rebalancing;

/// <summary>One data center's numbers in a shift: its shares as measured and its admission weight before and after.</summary>
[GenerateSerializer, Immutable, Alias("telemetry.DataCenterWeight")]
public sealed record DataCenterWeight(
    [property: Id(0)] string Id,
    [property: Id(1)] double FreeShare,
    [property: Id(2)] double DegradedShare,
    [property: Id(3)] double ReportingShare,
    [property: Id(4)] double WeightBefore,
    [property: Id(5)] double WeightAfter);
