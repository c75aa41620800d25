namespace Telemetry.State;

/// <summary>What a node grain did with the reports it was given.</summary>
[GenerateSerializer, Immutable, Alias("telemetry.IngestOutcome")]
public sealed record IngestOutcome(
    [property: Id(0)] int Reports,
    [property: Id(1)] int Samples,
    [property: Id(2)] int Duplicates)
{
    public static IngestOutcome None { get; } = new(0, 0, 0);

    public IngestOutcome Add(IngestOutcome other) =>
        new(Reports + other.Reports, Samples + other.Samples, Duplicates + other.Duplicates);
}
