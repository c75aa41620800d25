namespace Telemetry.Exporter.Simulation.Scenarios;

/// <summary>What happens to the simulated fleet (<c>simulate --scenario</c>); each event hits the first data center.</summary>
public enum ScenarioKind
{
    /// <summary>Nothing happens: the daily load curve, random jobs and rare faults.</summary>
    Steady,

    /// <summary>The first data center fills up (99 % of its GPUs busy).</summary>
    Hotspot,

    /// <summary>The first data center's GPUs throttle for heat (thermal clock events, temperature over the limit).</summary>
    Thermal,

    /// <summary>60 % of the first data center's nodes lose a GPU to XID 79 within a minute.</summary>
    XidStorm,

    /// <summary>The first data center's load swings every minute between 92 % and 97 % busy, around the hot threshold, for three swings; then it settles at 70 %.</summary>
    Oscillating,

    /// <summary>The first data center goes silent.</summary>
    DcOutage,

    /// <summary>On half of the first data center's nodes, one GPU of a job of 4 GPUs or more becomes a straggler, the four kinds in turn.</summary>
    Stragglers,
}
