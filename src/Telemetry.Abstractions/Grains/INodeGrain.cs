using Telemetry.Placement;
using Telemetry.State;
using Telemetry.Wire;

namespace Telemetry.Grains;

/// <summary>One GPU node, keyed <c>&lt;datacenter&gt;/&lt;host&gt;</c>: de-duplicates reports and fans them out to its GPUs.</summary>
[Alias("telemetry.INodeGrain")]
public interface INodeGrain : IGrainWithStringKey
{
    /// <summary>Applies validated reports of this node, in body order; duplicates are counted and skipped.</summary>
    [Alias("Apply")]
    Task<IngestOutcome> ApplyAsync(NodeReport[] reports);

    /// <summary>The node's live state, or null when it has never reported.</summary>
    [Alias("GetSnapshot")]
    Task<NodeSnapshot?> GetSnapshotAsync();

    /// <summary>Holds <see cref="GpuHold.Gpus"/> when every one is free; false (holding nothing) otherwise. The node is the arbiter: two holds never share a GPU.</summary>
    [Alias("Hold")]
    Task<bool> HoldAsync(GpuHold hold);

    /// <summary>Drops the reservation's holds on this node (none is fine), and tells the data center what is free now.</summary>
    [Alias("Release")]
    Task ReleaseAsync(string reservationId);

    /// <summary>Until when a GPU of this node is held; null when it is not.</summary>
    [Alias("GetReservedUntil")]
    Task<DateTimeOffset?> GetReservedUntilAsync(string gpuUuid);

    /// <summary>Moves the reservation's holds on this node to <paramref name="expiresAt"/>; false when it holds nothing here any more.</summary>
    [Alias("ExtendHold")]
    Task<bool> ExtendHoldAsync(string reservationId, DateTimeOffset expiresAt);

    /// <summary>The reservations and jobs sharing a GPU of this node (empty when it is unclaimed).</summary>
    [Alias("GetClaims")]
    Task<GpuClaim[]> GetClaimsAsync(string gpuUuid);

    /// <summary>Sets or clears the drain flag: a drained node offers no GPU to placement.</summary>
    [Alias("SetDrain")]
    Task SetDrainAsync(bool drained, string? reason);
}
