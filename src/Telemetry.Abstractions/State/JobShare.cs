namespace Telemetry.State;

/// <summary>A job and how many of a node's (or data center's) GPUs it runs on.</summary>
[GenerateSerializer, Immutable, Alias("telemetry.JobShare")]
public sealed record JobShare([property: Id(0)] string JobId, [property: Id(1)] int Gpus)
{
    /// <summary>
    /// When the node's telemetry first showed the job running there (its last start, for a job that moved in): what a
    /// fault would cost it grows with the time since. Null where it is not known (a data center's list of its jobs).
    /// </summary>
    [Id(2)] public DateTimeOffset? Since { get; init; }
}
