namespace Telemetry.Exporter.Tests;

/// <summary>A GPU block as the test decoder read it, with whether every value was a float32.</summary>
internal sealed record DecodedGpu(int Index, string Uuid, string Model, string? JobId, long[] Timestamps, double[] Values, int[] Xids, bool AllFloat32);
