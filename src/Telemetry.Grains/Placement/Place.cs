namespace Telemetry.Grains.Placement;

/// <summary>Where a candidate would go: a node's free GPUs, or one shared GPU of it (<see cref="Slot"/>).</summary>
public readonly record struct Place(IndexedNode Node, SharedSlot? Slot);
