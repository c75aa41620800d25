namespace Telemetry.Placement;

/// <summary>Why a placement has no candidates: nothing fits now (409), or nothing ever could (422).</summary>
[GenerateSerializer, Immutable, Alias("telemetry.PlacementRefusal")]
public sealed record PlacementRefusal([property: Id(0)] bool Impossible, [property: Id(1)] string Detail)
{
    public static PlacementRefusal Never(string detail) => new(true, detail);

    public static PlacementRefusal NotNow(string detail) => new(false, detail);
}
