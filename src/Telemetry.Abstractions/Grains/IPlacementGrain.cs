using Telemetry.Placement;

namespace Telemetry.Grains;

/// <summary>Answers schedulers from the data centers' placement indexes; a stateless worker, so every silo answers locally.</summary>
[Alias("telemetry.IPlacementGrain")]
public interface IPlacementGrain : IGrainWithIntegerKey
{
    [Alias("Place")]
    Task<PlacementAnswer> PlaceAsync(PlacementRequest request);
}
