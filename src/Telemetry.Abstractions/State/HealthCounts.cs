using System.Text.Json.Serialization;

namespace Telemetry.State;

/// <summary>GPUs by health state.</summary>
[GenerateSerializer, Immutable, Alias("telemetry.HealthCounts")]
public sealed record HealthCounts(
    [property: Id(0)] int Healthy,
    [property: Id(1)] int Degraded,
    [property: Id(2)] int Unhealthy,
    [property: Id(3)] int Offline)
{
    public static HealthCounts Zero { get; } = new(0, 0, 0, 0);

    [JsonIgnore]
    public int Total => Healthy + Degraded + Unhealthy + Offline;

    public HealthCounts Add(HealthCounts other) =>
        new(Healthy + other.Healthy, Degraded + other.Degraded, Unhealthy + other.Unhealthy, Offline + other.Offline);
}
