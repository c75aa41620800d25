namespace Telemetry.Silo.Sink;

/// <summary>One InfluxDB measurement the sink writes: its tags (the series key) and its fields.</summary>
public sealed record MeasurementSchema(string Name, IReadOnlyList<string> Tags, IReadOnlyList<string> Fields);
