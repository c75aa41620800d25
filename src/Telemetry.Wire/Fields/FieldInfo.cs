namespace Telemetry.Fields;

/// <summary>One column of the wire format's field table (WIRE.md): id, name, unit and whether it is a delta counter.</summary>
/// <param name="Id">The wire id, 1–23 in format v1.</param>
/// <param name="Name">The snake_case name used in the API and in InfluxDB.</param>
/// <param name="Unit">The unit, as documented.</param>
/// <param name="DcgmSource">The DCGM field it mirrors.</param>
public sealed record FieldInfo(int Id, string Name, string Unit, string DcgmSource)
{
    /// <summary>The column this field occupies in <see cref="Wire.GpuSamples.Values"/> (id − 1).</summary>
    public int Column => Id - 1;
}
