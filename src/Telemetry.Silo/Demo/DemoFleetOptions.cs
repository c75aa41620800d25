namespace Telemetry.Silo.Demo;

/// <summary>The demo fleet (<c>Demo:*</c>), run by <c>--demo</c>.</summary>
public sealed class DemoFleetOptions
{
    public const string Section = "Demo";

    /// <summary>Data centers, named dc1, dc2, …. Default 3.</summary>
    public int DataCenters { get; set; } = 3;

    /// <summary>Nodes (of 8 GPUs) per data center. Default 100.</summary>
    public int NodesPerDataCenter { get; set; } = 100;

    /// <summary>Seconds between a node's reports. Default 2.</summary>
    public double IntervalSeconds { get; set; } = 2;

    /// <summary>Samples per GPU per report. Default 10 (5 Hz at the default interval).</summary>
    public int SamplesPerReport { get; set; } = 10;

    /// <summary>
    /// XID faults per GPU-hour. Default 1: far above a real fleet's 2·10⁻⁵, so that a demo shows health changes within minutes.
    /// </summary>
    public double XidRatePerGpuHour { get; set; } = 1;
}
