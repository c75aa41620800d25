namespace Telemetry.Exporter.Simulation;

/// <summary>An XID the simulator can raise, how often relative to the others, and what it does.</summary>
internal readonly record struct XidKind(int Code, double Weight, XidEffect Effect);
