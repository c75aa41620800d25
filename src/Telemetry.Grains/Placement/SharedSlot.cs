namespace Telemetry.Grains.Placement;

/// <summary>A shared GPU that takes another fraction: how much of it is free, and where it is.</summary>
/// <param name="FreeMilli">Thousandths of the GPU still free, 1–999.</param>
/// <param name="NodeId">Its node's id.</param>
/// <param name="Uuid">The GPU.</param>
/// <param name="Node">Its node in the index.</param>
public readonly record struct SharedSlot(int FreeMilli, string NodeId, string Uuid, IndexedNode Node);
