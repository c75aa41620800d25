namespace Telemetry.Grains.Rebalancing;

/// <summary>How often the rebalancer runs (<c>Telemetry:Rebalancer</c>).</summary>
public sealed class RebalancerOptions
{
    public const string Section = "Telemetry:Rebalancer";

    /// <summary>Time between two rebalancing intervals. Default 10 s; 1 s to 1 h.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(10);
}
