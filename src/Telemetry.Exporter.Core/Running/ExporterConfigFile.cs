using System.Text.Json;

namespace Telemetry.Exporter.Running;

/// <summary>
/// The <c>--config</c> file: a JSON object with the flags' names in camelCase (<c>source</c>, <c>servers</c>,
/// <c>nodeId</c>, <c>datacenter</c>, <c>sampleHz</c>, <c>reportEvery</c>, <c>token</c>, <c>gzip</c>, <c>spoolDir</c>,
/// <c>spoolMaxMib</c>, <c>noSpool</c>, <c>nvidiaSmiPath</c>). Flags given on the command line win.
/// </summary>
public sealed record ExporterConfigFile
{
    public string? Source { get; init; }

    public string[]? Servers { get; init; }

    public string? NodeId { get; init; }

    public string? Datacenter { get; init; }

    public double? SampleHz { get; init; }

    public double? ReportEvery { get; init; }

    public string? Token { get; init; }

    public bool? Gzip { get; init; }

    public string? SpoolDir { get; init; }

    public int? SpoolMaxMib { get; init; }

    public bool? NoSpool { get; init; }

    public string? NvidiaSmiPath { get; init; }

    /// <summary>Reads the file; a missing file or bad JSON throws <see cref="InvalidDataException"/> naming the file and the problem.</summary>
    public static ExporterConfigFile Load(string path)
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), ExporterConfigJson.Default.ExporterConfigFile)
                ?? throw new InvalidDataException($"--config {path}: the file holds null, not an object.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"--config {path}: {e.Message}", e);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"--config {path}: {e.Message}", e);
        }
    }
}
