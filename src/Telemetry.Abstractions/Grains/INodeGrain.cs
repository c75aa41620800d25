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
}
