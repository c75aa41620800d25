namespace Telemetry.Grains;

/// <summary>The data centers the fleet grain knows, written whenever one is added: each registers only once per activation.</summary>
[GenerateSerializer, Alias("telemetry.FleetDurableState")]
public sealed class FleetDurableState
{
    [Id(0)] public List<string> DataCenters { get; set; } = [];
}
