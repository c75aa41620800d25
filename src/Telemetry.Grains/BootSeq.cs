namespace Telemetry.Grains;

/// <summary>An exporter instance (bootId) and the last seq applied from it.</summary>
[GenerateSerializer, Immutable, Alias("telemetry.BootSeq")]
public sealed record BootSeq([property: Id(0)] string BootId, [property: Id(1)] ulong Seq);
