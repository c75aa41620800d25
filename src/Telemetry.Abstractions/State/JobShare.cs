namespace Telemetry.State;

/// <summary>A job and how many of a node's (or data center's) GPUs it runs on.</summary>
[GenerateSerializer, Immutable, Alias("telemetry.JobShare")]
public sealed record JobShare([property: Id(0)] string JobId, [property: Id(1)] int Gpus);
