namespace Telemetry.Rebalancing;

/// <summary>What a rebalancing decision asks for.</summary>
public enum DecisionKind
{
    /// <summary>Change the admission weights of new work between data centers.</summary>
    Shift,

    /// <summary>Move a running job from one data center to another.</summary>
    Migrate,

    /// <summary>Stop placing work on a node (it has unhealthy GPUs).</summary>
    Drain,

    /// <summary>Place work on a drained node again (its GPUs were reset and are healthy).</summary>
    Undrain,

    /// <summary>An operator cleared a GPU's health verdicts after a reset (always by an operator).</summary>
    Clear,
}
