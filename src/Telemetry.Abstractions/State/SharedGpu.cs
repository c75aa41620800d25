namespace Telemetry.State;

/// <summary>A GPU divided between jobs or reservations, as a node tells its data center.</summary>
/// <param name="Uuid">The GPU.</param>
/// <param name="UsedMilli">Thousandths of it held or in use, 1–1000.</param>
/// <param name="Open">Whether it takes another share now: healthy, on a reporting, undrained node, not full.</param>
[GenerateSerializer, Immutable, Alias("telemetry.SharedGpu")]
public sealed record SharedGpu([property: Id(0)] string Uuid, [property: Id(1)] int UsedMilli, [property: Id(2)] bool Open);
