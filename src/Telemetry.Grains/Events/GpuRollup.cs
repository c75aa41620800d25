namespace Telemetry.Grains.Events;

/// <summary>
/// One GPU's 10-second bucket of sample time: the mean and max of every field over the samples in it.
/// Arrays are indexed by field column (id − 1, <see cref="Fields.FieldCatalog"/>); NaN where no sample measured the field.
/// </summary>
public sealed record GpuRollup
{
    public required string Uuid { get; init; }

    /// <summary>The node, <c>&lt;datacenter&gt;/&lt;host&gt;</c>.</summary>
    public required string Node { get; init; }

    public required string DataCenter { get; init; }

    public required string Model { get; init; }

    /// <summary>The job on the GPU when the bucket closed; null when idle.</summary>
    public string? JobId { get; init; }

    /// <summary>The bucket's start, Unix milliseconds (a multiple of 10,000).</summary>
    public required long BucketStartMs { get; init; }

    /// <summary>Sample rows in the bucket.</summary>
    public required int Samples { get; init; }

    public required double[] Means { get; init; }

    public required double[] Maxes { get; init; }
}
