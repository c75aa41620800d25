using System.CommandLine;
using Telemetry.Exporter.Running;
using Telemetry.Exporter.Sending;

namespace Telemetry.Exporter.Cli;

/// <summary>
/// The <c>run</c> command's flags, merged with the <c>--config</c> file: a flag on the command line wins over the
/// file, the file over the defaults. No flag has a default value of its own, so "given" can be told from "default".
/// </summary>
internal sealed class RunOptionSet
{
    private readonly Option<string?> _config = new("--config")
    {
        Description = "JSON file with the same settings (camelCase names: source, servers, nodeId, datacenter, sampleHz, reportEvery, token, gzip, spoolDir, spoolMaxMib, noSpool, nvidiaSmiPath); flags win.",
        HelpName = "file.json",
    };

    private readonly Option<string?> _source = new("--source")
    {
        Description = "nvml (default: libnvidia-ml.so.1), dcgm-exporter=<url> (scrape dcgm-exporter, e.g. http://localhost:9400/metrics) or nvidia-smi.",
        HelpName = "nvml|dcgm-exporter=<url>|nvidia-smi",
    };

    private readonly Option<string[]> _servers = new("--server")
    {
        Description = "Ingest server URL (default http://localhost:5000); repeat or comma-separate for failover.",
        HelpName = "url",
    };

    private readonly Option<string?> _nodeId = new("--node-id")
    {
        Description = "This node's id, <datacenter>/<host> (default: --datacenter / this host's name).",
        HelpName = "dc/host",
    };

    private readonly Option<string?> _dataCenter = new("--datacenter")
    {
        Description = "Data center of the default node id.",
        HelpName = "name",
    };

    private readonly Option<double?> _sampleHz = new("--sample-hz") { CustomParser = r => OptionValues.Number<double>(r), Description = "Samples per second, 1–10 (default 1).", HelpName = "hz" };

    private readonly Option<double?> _reportEvery = new("--report-every")
    {
        CustomParser = r => OptionValues.Number<double>(r),
        Description = "Seconds between reports (default 5); each carries sample-hz × this many samples per GPU.",
        HelpName = "seconds",
    };

    private readonly Option<string?> _token = new("--token") { Description = $"Bearer token (default: ${SimulateOptionSet.TokenVariable})." };

    private readonly Option<bool?> _gzip = new("--gzip") { Description = "Compress bodies with gzip." };

    private readonly Option<string?> _spoolDir = new("--spool-dir")
    {
        Description = "Spool directory (default: $XDG_STATE_HOME/telemetry-exporter/spool or ~/.local/state/telemetry-exporter/spool).",
        HelpName = "path",
    };

    private readonly Option<int?> _spoolMaxMib = new("--spool-max-mib") { CustomParser = r => OptionValues.Number<int>(r), Description = "Bound on the spool, MiB (default 256).", HelpName = "mib" };

    private readonly Option<bool?> _noSpool = new("--no-spool") { Description = "No spool: reports are lost while no server answers." };

    private readonly Option<string?> _nvidiaSmiPath = new("--nvidia-smi-path") { Description = "nvidia-smi to run for --source nvidia-smi (default: nvidia-smi on PATH).", HelpName = "path" };

    private readonly Option<TimeSpan?> _duration = new("--duration")
    {
        Description = "Stop after this long, e.g. 30s, 5m (default: run until stopped).",
        CustomParser = r => OptionValues.Duration(r, "use e.g. 30s, 5m, 1h30m."),
        HelpName = "duration",
    };

    public IEnumerable<Option> All =>
    [
        _config, _source, _servers, _nodeId, _dataCenter, _sampleHz, _reportEvery, _token, _gzip, _spoolDir,
        _spoolMaxMib, _noSpool, _nvidiaSmiPath, _duration,
    ];

    /// <summary>The settings, or the problems that stop them (each naming its flag and config key).</summary>
    public ExporterSettings? ToSettings(ParseResult result, string hostName, out List<string> errors)
    {
        errors = [];
        ExporterConfigFile file;
        try
        {
            file = result.GetValue(_config) is { } path ? ExporterConfigFile.Load(path) : new ExporterConfigFile();
        }
        catch (InvalidDataException e)
        {
            errors.Add(e.Message);
            return null;
        }

        if (!SourceSpec.TryParse(Pick(result, _source, file.Source) ?? "nvml", out var source, out var sourceError))
        {
            errors.Add(sourceError);
        }

        var servers = result.GetResult(_servers) is not null ? result.GetValue(_servers) ?? [] : file.Servers ?? ["http://localhost:5000"];
        var nodeId = Pick(result, _nodeId, file.NodeId) ?? DefaultNodeId(Pick(result, _dataCenter, file.Datacenter), hostName, errors);
        var spoolMib = Pick(result, _spoolMaxMib, file.SpoolMaxMib) ?? (int)(ReportSpoolOptions.DefaultMaxBytes >> 20);
        var spoolDir = Pick(result, _spoolDir, file.SpoolDir);
        var settings = new ExporterSettings
        {
            Source = source,
            Servers = SimulateOptionSet.ParseServers(servers),
            NodeId = nodeId ?? "",
            SampleHz = Pick(result, _sampleHz, file.SampleHz) ?? 1,
            ReportEvery = TimeSpan.FromSeconds(Math.Clamp(Pick(result, _reportEvery, file.ReportEvery) ?? 5, 0, 86_400)),
            Token = Token(Pick(result, _token, file.Token)),
            Gzip = Pick(result, _gzip, file.Gzip) ?? false,
            SpoolDirectory = Pick(result, _noSpool, file.NoSpool) == true ? null
                : string.IsNullOrWhiteSpace(spoolDir) ? ReportSpoolOptions.DefaultDirectory() : Path.GetFullPath(spoolDir),
            SpoolMaxBytes = (long)spoolMib << 20,
            NvidiaSmiPath = Pick(result, _nvidiaSmiPath, file.NvidiaSmiPath) ?? "nvidia-smi",
            Duration = result.GetValue(_duration) ?? TimeSpan.Zero,
        };
        // Values that did not parse (System.CommandLine's errors, which name the flag) come first.
        errors.InsertRange(0, result.Errors.Select(e => e.Message));
        if (nodeId is not null)
        {
            errors.AddRange(settings.Validate());
        }

        return errors.Count == 0 ? settings : null;
    }

    private static T? Pick<T>(ParseResult result, Option<T?> option, T? fromFile) =>
        result.GetResult(option) is not null ? result.GetValue(option) : fromFile;

    private static T? Pick<T>(ParseResult result, Option<T?> option, T? fromFile)
        where T : struct =>
        result.GetResult(option) is not null ? result.GetValue(option) : fromFile;

    private static string? DefaultNodeId(string? dataCenter, string hostName, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(dataCenter))
        {
            errors.Add("give --node-id <datacenter>/<host> (nodeId), or --datacenter <name> (datacenter) to use this host's name.");
            return null;
        }

        return $"{dataCenter.Trim().ToLowerInvariant()}/{hostName.Trim().ToLowerInvariant()}";
    }

    private static string? Token(string? fromFlags)
    {
        var token = fromFlags ?? Environment.GetEnvironmentVariable(SimulateOptionSet.TokenVariable);
        return string.IsNullOrWhiteSpace(token) ? null : token.Trim();
    }
}
