namespace Telemetry.Grains.Jobs;

/// <summary>What a job grain writes to durable storage: its tenant, which placement tells it once.</summary>
[GenerateSerializer, Alias("telemetry.JobDurableState")]
public sealed class JobDurableState
{
    [Id(0)] public string? Tenant { get; set; }
}
