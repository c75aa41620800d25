namespace Telemetry.Exporter.Tests;

/// <summary>A node report as the test decoder read it, position by position.</summary>
internal sealed record DecodedReport(int ArrayLength, int Version, string NodeId, ulong Seq, string BootId, int[] Fields, DecodedGpu[] Gpus, Dictionary<string, double> Gauges, string? HostBootId = null);
