using Telemetry.Health;

namespace Telemetry.Grains.Live;

/// <summary>The payload of a <c>health</c> event on <c>/api/v1/stream</c>.</summary>
/// <param name="Subject"><c>gpu</c> or <c>node</c>.</param>
/// <param name="Id">The GPU's UUID, or the node's id.</param>
/// <param name="Node">The node (<c>dc/host</c>) the GPU is in, or the node itself.</param>
/// <param name="DataCenter">The data center the subject is in.</param>
/// <param name="From">The state before.</param>
/// <param name="To">The state now.</param>
/// <param name="Reasons">One line per rule that fired.</param>
/// <param name="RecommendedActions">What to do about each reason, in the same order.</param>
/// <param name="At">When the change was judged.</param>
/// <param name="Since">When the subject entered <paramref name="To"/> (earlier than <paramref name="At"/> for offline).</param>
public sealed record HealthEvent(
    HealthSubject Subject,
    string Id,
    string Node,
    string DataCenter,
    HealthState From,
    HealthState To,
    string[] Reasons,
    string[] RecommendedActions,
    DateTimeOffset At,
    DateTimeOffset Since)
{
    public static HealthEvent Of(HealthChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return new(change.Subject, change.Id, change.Node, change.DataCenter, change.From, change.To.State,
            change.To.Reasons, change.To.RecommendedActions, change.At, change.To.Since);
    }
}
