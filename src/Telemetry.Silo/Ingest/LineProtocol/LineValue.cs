namespace Telemetry.Silo.Ingest.LineProtocol;

/// <summary>A line-protocol field value: a number (float, <c>i</c> or <c>u</c> integer, or boolean as 1/0) or a string.</summary>
/// <param name="Number">The value as a number; NaN for a string.</param>
/// <param name="Text">The string value, unescaped; null for a number.</param>
public readonly record struct LineValue(double Number, string? Text = null);
