namespace Telemetry.Silo.Auth;

/// <summary>The data centers a caller may see: all of them, or a set (a tenant-scoped key).</summary>
public sealed class VisibleDataCenters
{
    private readonly IReadOnlySet<string>? _only;

    private VisibleDataCenters(IReadOnlySet<string>? only) => _only = only;

    /// <summary>Every data center: a key without a tenant, or open access.</summary>
    public static VisibleDataCenters All { get; } = new(null);

    /// <summary>No data center at all: a request without a caller.</summary>
    public static VisibleDataCenters None { get; } = new(new HashSet<string>());

    public static VisibleDataCenters Only(IReadOnlySet<string> dataCenters) => new(dataCenters);

    /// <summary>True when every data center is visible.</summary>
    public bool IsAll => _only is null;

    public bool Contains(string dataCenter) => _only is null || _only.Contains(dataCenter);

    /// <summary>The visible ones of <paramref name="dataCenters"/>, in their order.</summary>
    public string[] Filter(IEnumerable<string> dataCenters) => [.. dataCenters.Where(Contains)];
}
