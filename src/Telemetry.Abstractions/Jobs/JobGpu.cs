namespace Telemetry.Jobs;

/// <summary>One GPU of a job as <c>GET /api/v1/jobs/{jobId}</c> shows it.</summary>
[GenerateSerializer, Immutable, Alias("telemetry.JobGpu")]
public sealed record JobGpu
{
    [Id(0)] public required string Uuid { get; init; }

    /// <summary>The GPU's node, <c>&lt;datacenter&gt;/&lt;host&gt;</c>.</summary>
    [Id(1)] public required string Node { get; init; }

    /// <summary>True while the job judges the GPU a straggler.</summary>
    [Id(2)] public required bool Straggler { get; init; }

    /// <summary>Why it is a straggler (one line per lagging signal); empty when it keeps up.</summary>
    [Id(3)] public required string[] Reasons { get; init; }

    /// <summary>Its newest 10-second means by signal name; signals not measured are left out.</summary>
    [Id(4)] public required IReadOnlyDictionary<string, double> Signals { get; init; }
}
