namespace Telemetry.Exporter.Running;

/// <summary>A parsed <c>--source</c>: its kind and, for dcgm-exporter, the URL to scrape.</summary>
public sealed record SourceSpec(SourceKind Kind, Uri? Url = null)
{
    /// <summary>Reads <c>nvml</c>, <c>nvidia-smi</c> or <c>dcgm-exporter=&lt;url&gt;</c>.</summary>
    public static bool TryParse(string? text, out SourceSpec spec, out string error)
    {
        spec = new SourceSpec(SourceKind.Nvml);
        error = "";
        var value = text?.Trim() ?? "";
        switch (value)
        {
            case "nvml":
                return true;
            case "nvidia-smi":
                spec = new SourceSpec(SourceKind.NvidiaSmi);
                return true;
        }

        const string dcgm = "dcgm-exporter=";
        if (value.StartsWith(dcgm, StringComparison.Ordinal)
            && Uri.TryCreate(value[dcgm.Length..], UriKind.Absolute, out var url)
            && url.Scheme is "http" or "https")
        {
            spec = new SourceSpec(SourceKind.DcgmExporter, url.AbsolutePath is "/" or "" ? new Uri(url, "/metrics") : url);
            return true;
        }

        error = $"--source (source) '{value}' is not nvml, nvidia-smi or dcgm-exporter=<url> (e.g. dcgm-exporter=http://localhost:9400/metrics).";
        return false;
    }

    public override string ToString() => Kind switch
    {
        SourceKind.DcgmExporter => $"dcgm-exporter={Url}",
        SourceKind.NvidiaSmi => "nvidia-smi",
        _ => "nvml",
    };
}
