namespace Telemetry.Exporter.Simulation;

/// <summary>What a simulated job does, which sets its signal shape.</summary>
internal enum JobKind
{
    /// <summary>Steady, tensor-heavy, NVLink-heavy, with periodic checkpoint pauses.</summary>
    Training,

    /// <summary>Follows request demand over the day; memory held by weights and KV cache.</summary>
    Inference,
}
