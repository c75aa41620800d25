namespace Telemetry.Wire;

/// <summary>A decoded, validated node report (WIRE.md, format v1).</summary>
public sealed record NodeReport
{
    /// <summary><c>&lt;datacenter&gt;/&lt;host&gt;</c>.</summary>
    public required string NodeId { get; init; }

    /// <summary>The exporter instance's report counter, scoped by <see cref="BootId"/>.</summary>
    public required ulong Seq { get; init; }

    /// <summary>The exporter instance's id.</summary>
    public required string BootId { get; init; }

    /// <summary>The node's GPUs (0 to 64).</summary>
    public required GpuSamples[] Gpus { get; init; }

    /// <summary>Node-level gauges by name; empty when the report had none.</summary>
    public IReadOnlyDictionary<string, double> Gauges { get; init; } = EmptyGauges;

    /// <summary>
    /// The host's boot id (Linux <c>/proc/sys/kernel/random/boot_id</c>), optional at position 7: it changes only when the
    /// host reboots, so it is the evidence of a reset that clears sticky GPU verdicts; null from exporters that do not send it.
    /// </summary>
    public string? HostBootId { get; init; }

    /// <summary>Columns the decoder skipped because their field id is unknown to this server.</summary>
    public int SkippedFields { get; init; }

    private static readonly IReadOnlyDictionary<string, double> EmptyGauges = new Dictionary<string, double>();

    /// <summary>GPU samples in the report (rows, summed over GPUs).</summary>
    public int SampleCount
    {
        get
        {
            var n = 0;
            foreach (var gpu in Gpus)
            {
                n += gpu.SampleCount;
            }

            return n;
        }
    }
}
