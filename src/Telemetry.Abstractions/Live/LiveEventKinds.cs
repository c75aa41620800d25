namespace Telemetry.Live;

/// <summary>The event names of <c>/api/v1/stream</c>.</summary>
public static class LiveEventKinds
{
    /// <summary>A GPU or node changed health state.</summary>
    public const string Health = "health";

    /// <summary>A rebalancing decision.</summary>
    public const string Decision = "decision";

    /// <summary>A GPU became, or stopped being, a straggler of its job.</summary>
    public const string Straggler = "straggler";

    /// <summary>A rebalancer alert raised or resolved (a tripped breaker, a dark data center).</summary>
    public const string Alert = "alert";

    /// <summary>Every data center in summary, every few seconds; not part of the resumable sequence.</summary>
    public const string Summary = "summary";
}
