using System.Globalization;
using Telemetry.Fields;

namespace Telemetry.Grains.Jobs;

/// <summary>The recommended action for a straggler: what to check first given the signal and its clock-event reasons, then what to do if it persists.</summary>
public static class StragglerActions
{
    /// <summary>The part every action ends with.</summary>
    public const string IfItPersists = "if it persists, cordon and replace the GPU and restart the job from its checkpoint without it";

    private const ClockEventReasons Slowdown = ClockEventReasons.Throttling;

    public static string For(SignalLag lag, long clockEventReasons)
    {
        ArgumentNullException.ThrowIfNull(lag);
        var bits = (ClockEventReasons)clockEventReasons & Slowdown;
        var first = bits != ClockEventReasons.None
            ? $"check clocks and cooling: the GPU reports thermal or power slowdown (clock_event_reasons 0x{((long)bits).ToString("x", CultureInfo.InvariantCulture)})"
            : ReferenceEquals(lag.Signal, StragglerSignals.SmClock) || ReferenceEquals(lag.Signal, StragglerSignals.Power)
                ? "check clocks: they are low with no clock-event reason (application clocks, a stuck power state)"
                : lag.Signal.Check;
        return $"{first}; {IfItPersists}";
    }
}
