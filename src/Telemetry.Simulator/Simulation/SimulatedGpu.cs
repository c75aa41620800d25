using Telemetry.Wire;

namespace Telemetry.Exporter.Simulation;

/// <summary>
/// One GPU's evolving state. Plain fields, not properties, because the signal model touches them
/// for every sample of every GPU and the type never leaves the simulator.
/// </summary>
internal sealed class SimulatedGpu(int index, string uuid, int samplesPerReport)
{
    public int Index { get; } = index;

    public string Uuid { get; } = uuid;

    /// <summary>This GPU's rows for the current report, reused from report to report.</summary>
    public double[] Values { get; } = new double[samplesPerReport * Telemetry.Fields.FieldCatalog.Count];

    /// <summary>This GPU's block in the last report; reused while its job and XIDs stay the same.</summary>
    public GpuSamples? Block;

    /// <summary>XID codes raised during the current report.</summary>
    public List<int> Xids { get; } = [];

    public SimulatedJob? Job;

    /// <summary>An idle GPU gets no new job before this time.</summary>
    public long IdleUntilMs;

    /// <summary>When the GPU was lost to a fatal XID; <see cref="long.MaxValue"/> while it works.</summary>
    public long DeadSinceMs = long.MaxValue;

    /// <summary>How much hotter than its neighbours this GPU runs (airflow, coolant loop position), °C.</summary>
    public double CoolingOffsetC;

    // Lagged physical state, carried from sample to sample.
    public bool Warm;
    public double Util;
    public double PowerW;
    public double TempC;
    public double FbUsedMib;

    // Next time of each rare event (Poisson processes).
    public long NextXidAtMs = long.MaxValue;
    public long NextSbeAtMs = long.MaxValue;
    public long NextCrcAtMs = long.MaxValue;
    public long NextReplayAtMs = long.MaxValue;

    // Counts due in the next sample.
    public int PendingSbe;
    public int PendingDbe;
    public int PendingCrc;
    public int PendingReplay;

    /// <summary>The straggler fault the GPU has while in its current job; null when none.</summary>
    public InjectedStraggler? Straggler;

    /// <summary>Next time a straggler fault strikes (a Poisson process).</summary>
    public long NextStragglerAtMs = long.MaxValue;

    /// <summary>A straggler fault came due; the node injects it when the GPU's job can have one.</summary>
    public bool StragglerDue;

    public bool RowRemapPending;
    public bool RowRemapFailure;

    public bool IsDeadAt(long t) => t >= DeadSinceMs;
}
