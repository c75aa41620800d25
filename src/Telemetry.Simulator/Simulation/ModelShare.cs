namespace Telemetry.Exporter.Simulation;

/// <summary>One model of a fleet mix and its relative share of nodes (every GPU of a node is the same model).</summary>
/// <param name="Model">The GPU model.</param>
/// <param name="Weight">Relative share, &gt; 0; shares need not add up to 1.</param>
public sealed record ModelShare(GpuModelSpec Model, double Weight)
{
    /// <summary>The <c>--model</c> spelling: the name, with <c>:weight</c> when not 1.</summary>
    public override string ToString() => Weight == 1 ? Model.Name : FormattableString.Invariant($"{Model.Name}:{Weight}");
}
