namespace Telemetry.Replay.Fleet;

/// <summary>A share of one GPU given to a task.</summary>
/// <param name="Index">The GPU's index on its node.</param>
/// <param name="Milli">Thousandths of the GPU, 1–1000.</param>
public readonly record struct GpuShare(int Index, int Milli);
