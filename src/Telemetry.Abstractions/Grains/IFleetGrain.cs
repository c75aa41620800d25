namespace Telemetry.Grains;

/// <summary>The fleet (key <c>fleet</c>): the registry of data centers that have reported.</summary>
[Alias("telemetry.IFleetGrain")]
public interface IFleetGrain : IGrainWithStringKey
{
    /// <summary>The single key of the fleet grain.</summary>
    public const string Key = "fleet";

    [Alias("RegisterDataCenter")]
    Task RegisterDataCenterAsync(string dataCenter);

    [Alias("GetDataCenters")]
    Task<string[]> GetDataCentersAsync();
}
