using Telemetry.State;

namespace Telemetry.Grains.DataCenters;

/// <summary>A node as its data center last wrote it down: the compact summary and when it had arrived.</summary>
[GenerateSerializer, Immutable, Alias("telemetry.RememberedNode")]
public sealed record RememberedNode
{
    /// <summary>The summary without its per-GPU parts (briefs, free and shared GPUs): the totals need none of them.</summary>
    [Id(0)] public required NodeSummary Summary { get; init; }

    /// <summary>When the data center had received it, shifted past earlier time it could not hear.</summary>
    [Id(1)] public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>Earlier time the data center could not hear this node (restored and not heard since); zero once heard.</summary>
    [Id(2)] public TimeSpan Blind { get; init; }
}
