using System.CommandLine;
using System.CommandLine.Parsing;
using Telemetry.Exporter.Running;
using Telemetry.Exporter.Sending;
using Telemetry.Exporter.Simulation;
using Telemetry.Exporter.Simulation.Scenarios;

namespace Telemetry.Exporter.Cli;

/// <summary>The <c>simulate</c> command's flags and their mapping to <see cref="SimulatorOptions"/>.</summary>
internal sealed class SimulateOptionSet
{
    /// <summary>Read when <c>--token</c> is not given, so tokens need not appear in process listings.</summary>
    public const string TokenVariable = "TELEMETRY_INGEST_TOKEN";

    private static readonly SimulatorOptions Defaults = new();

    private readonly Option<string[]> _servers = new("--server")
    {
        Description = "Ingest server URL; repeat (or comma-separate) for several. Nodes are spread over them and fail over on connection errors, 429 and 503.",
        DefaultValueFactory = _ => ["http://localhost:5000"],
        HelpName = "url",
    };

    private readonly Option<int> _dataCenters = new("--datacenters")
    {
        CustomParser = OptionValues.Number<int>,
        Description = "Number of data centers, named dc1, dc2, …",
        DefaultValueFactory = _ => 3,
    };

    private readonly Option<string?> _dataCenterNames = new("--datacenter-names")
    {
        Description = "Comma-separated data-center names; overrides --datacenters.",
        HelpName = "a,b,c",
    };

    private readonly Option<int> _nodesPerDataCenter = new("--nodes-per-datacenter")
    {
        CustomParser = OptionValues.Number<int>,
        Description = "Nodes in each data center.",
        DefaultValueFactory = _ => Defaults.NodesPerDataCenter,
    };

    private readonly Option<int> _gpusPerNode = new("--gpus-per-node")
    {
        CustomParser = OptionValues.Number<int>,
        Description = "GPUs on each node (1–64).",
        DefaultValueFactory = _ => Defaults.GpusPerNode,
    };

    private readonly Option<string> _hostPrefix = new("--host-prefix")
    {
        Description = "Host names are <prefix>-0001, <prefix>-0002, … (use different prefixes to run several simulators against one cluster).",
        DefaultValueFactory = _ => Defaults.HostPrefix,
    };

    private readonly Option<double> _interval = new("--interval")
    {
        CustomParser = OptionValues.Number<double>,
        Description = "Seconds between a node's reports; fractions allowed.",
        DefaultValueFactory = _ => Defaults.Interval.TotalSeconds,
        HelpName = "seconds",
    };

    private readonly Option<int> _samplesPerReport = new("--samples-per-report")
    {
        CustomParser = OptionValues.Number<int>,
        Description = "Samples per GPU in each report, evenly spaced within the interval.",
        DefaultValueFactory = _ => Defaults.SamplesPerReport,
    };

    private readonly Option<TimeSpan> _duration = new("--duration")
    {
        Description = "How long to run, e.g. 30s, 5m, 1h30m; 0 or omitted runs until Ctrl-C.",
        DefaultValueFactory = _ => TimeSpan.Zero,
        CustomParser = ParseDuration,
        HelpName = "duration",
    };

    private readonly Option<int> _concurrency = new("--concurrency")
    {
        CustomParser = OptionValues.Number<int>,
        Description = "HTTP requests in flight at most.",
        DefaultValueFactory = _ => Defaults.Concurrency,
    };

    private readonly Option<double> _xidRate = new("--xid-rate")
    {
        CustomParser = OptionValues.Number<double>,
        Description = "XID faults per GPU-hour. Default 2e-5: Llama 3 training saw 419 unexpected interruptions in 54 days on 16,384 H100s (\"The Llama 3 Herd of Models\", Meta 2024).",
        DefaultValueFactory = _ => Defaults.XidRatePerGpuHour,
        HelpName = "per-gpu-hour",
    };

    private readonly Option<double> _stragglerRate = new("--straggler-rate")
    {
        Description = "Straggler faults (thermal throttle, PCIe trained down, degraded NVLink, silent low clocks) per GPU-hour of a job of 4 GPUs or more. Default 0.",
        DefaultValueFactory = _ => Defaults.StragglerRatePerGpuHour,
        HelpName = "per-gpu-hour",
    };

    private readonly Option<int?> _seed = new("--seed")
    {
        CustomParser = r => OptionValues.Number<int>(r),
        Description = "Seed for jobs, noise and faults (reproducible runs). GPU UUIDs depend only on the seed and node id, so they are stable across runs.",
    };

    private readonly Option<ScenarioKind> _scenario = new("--scenario")
    {
        Description = $"What happens to the first data center after a steady minute: {ScenarioNames.Known} (docs/rebalancing.md).",
        DefaultValueFactory = _ => ScenarioKind.Steady,
        CustomParser = ParseScenario,
        HelpName = "name",
    };

    private readonly Option<IReadOnlyList<ModelShare>> _model = new("--model")
    {
        Description = "GPU model, or a weighted mix per node: \"NVIDIA B200\", H200, B200:3,H200:1.",
        DefaultValueFactory = _ => Defaults.Models,
        CustomParser = ParseModels,
        HelpName = "model[:weight],…",
    };

    private readonly Option<string?> _token = new("--token")
    {
        // No DefaultValueFactory: help prints defaults, and a token must not show up there.
        Description = $"Bearer token for the Authorization header (default: ${TokenVariable}).",
    };

    private readonly Option<bool> _gzip = new("--gzip") { Description = "Compress bodies with gzip (Content-Encoding: gzip)." };

    private readonly Option<bool> _dryRun = new("--dry-run")
    {
        Description = "Generate and encode everything but send nothing (every body is answered 202 in-process): measures the simulator's own cost.",
    };

    private readonly Option<string?> _spoolDir = new("--spool-dir")
    {
        Description = "Directory of the on-disk spool that keeps reports no server takes (default: $XDG_STATE_HOME/telemetry-exporter/spool or ~/.local/state/telemetry-exporter/spool). One exporter per directory.",
        HelpName = "path",
    };

    private readonly Option<int> _spoolMaxMib = new("--spool-max-mib")
    {
        CustomParser = OptionValues.Number<int>,
        Description = "Bound on the spool, MiB; past it the oldest reports are dropped (and counted).",
        DefaultValueFactory = _ => (int)(Defaults.SpoolMaxBytes >> 20),
        HelpName = "mib",
    };

    private readonly Option<bool> _noSpool = new("--no-spool")
    {
        Description = "No spool: a node whose previous report is still being retried skips its report time, and reports are lost while no server answers.",
    };

    private readonly Option<double> _scenarioSpeed = new("--scenario-speed")
    {
        Description = "Run the scenario's timeline (lead-in, storm, swings) this many times faster than real time, 1–100; pair it with a short rebalancer interval.",
        DefaultValueFactory = _ => Defaults.ScenarioSpeed,
        HelpName = "factor",
    };

    private readonly Option<double> _timeScale = new("--time-scale")
    {
        CustomParser = OptionValues.Number<double>,
        Description = "Sample time runs this many times faster than the clock, 1–360 (needs --duration): it starts (scale − 1) × duration in the past and meets the clock at the end, e.g. an hour of samples in 15 minutes at 4.",
        DefaultValueFactory = _ => Defaults.TimeScale,
        HelpName = "factor",
    };

    private readonly Option<bool> _quiet = new("--quiet", "-q") { Description = "No live progress line; print only the final summary." };

    public IEnumerable<Option> All =>
    [
        _servers, _dataCenters, _dataCenterNames, _nodesPerDataCenter, _gpusPerNode, _hostPrefix, _interval,
        _samplesPerReport, _duration, _concurrency, _xidRate, _stragglerRate, _seed, _scenario, _scenarioSpeed, _timeScale, _model, _token, _gzip, _dryRun,
        _spoolDir, _spoolMaxMib, _noSpool, _quiet,
    ];

    public bool Quiet(ParseResult result) => result.GetValue(_quiet);

    /// <summary>The simulator options the flags ask for; not yet validated.</summary>
    public SimulatorOptions ToOptions(ParseResult result)
    {
        var names = result.GetValue(_dataCenterNames);
        var dataCenters = string.IsNullOrWhiteSpace(names)
            ? Enumerable.Range(1, Math.Max(0, result.GetValue(_dataCenters))).Select(i => $"dc{i}").ToArray()
            : names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new SimulatorOptions
        {
            Servers = ParseServers(result.GetValue(_servers) ?? []),
            DataCenters = dataCenters,
            NodesPerDataCenter = result.GetValue(_nodesPerDataCenter),
            GpusPerNode = result.GetValue(_gpusPerNode),
            HostPrefix = result.GetValue(_hostPrefix) ?? Defaults.HostPrefix,
            Interval = TimeSpan.FromSeconds(Math.Clamp(result.GetValue(_interval), 0, 86_400)),
            SamplesPerReport = result.GetValue(_samplesPerReport),
            Duration = result.GetValue(_duration),
            Concurrency = result.GetValue(_concurrency),
            XidRatePerGpuHour = result.GetValue(_xidRate),
            StragglerRatePerGpuHour = result.GetValue(_stragglerRate),
            Seed = result.GetValue(_seed),
            Scenario = result.GetValue(_scenario),
            ScenarioSpeed = result.GetValue(_scenarioSpeed),
            TimeScale = result.GetValue(_timeScale),
            Models = result.GetValue(_model) ?? Defaults.Models,
            Token = Token(result),
            Gzip = result.GetValue(_gzip),
            DryRun = result.GetValue(_dryRun),
            SpoolDirectory = SpoolDirectory(result),
            SpoolMaxBytes = (long)result.GetValue(_spoolMaxMib) << 20,
        };
    }

    /// <summary>The spool directory, or null without one: <c>--no-spool</c>, or a dry run, where nothing can fail.</summary>
    private string? SpoolDirectory(ParseResult result)
    {
        if (result.GetValue(_noSpool) || result.GetValue(_dryRun))
        {
            return null;
        }

        var directory = result.GetValue(_spoolDir);
        return string.IsNullOrWhiteSpace(directory) ? ReportSpoolOptions.DefaultDirectory() : Path.GetFullPath(directory);
    }

    private string? Token(ParseResult result)
    {
        var token = result.GetValue(_token) ?? Environment.GetEnvironmentVariable(TokenVariable);
        return string.IsNullOrWhiteSpace(token) ? null : token.Trim();
    }

    internal static Uri[] ParseServers(string[] values) =>
        values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(v => Uri.TryCreate(v, UriKind.Absolute, out var uri) ? uri : new Uri("invalid:" + Uri.EscapeDataString(v)))
            .ToArray();

    private static TimeSpan ParseDuration(ArgumentResult result) =>
        OptionValues.Duration(result, "use e.g. 30s, 5m, 1h30m, or 0 to run until Ctrl-C.");

    private static IReadOnlyList<ModelShare> ParseModels(ArgumentResult result)
    {
        var text = string.Join(',', result.Tokens.Select(t => t.Value));
        if (ModelMixParser.TryParse(text, out var mix, out var error))
        {
            return mix;
        }

        result.AddError($"{OptionValues.Name(result)}: {error}");
        return [];
    }

    private static ScenarioKind ParseScenario(ArgumentResult result)
    {
        var name = result.Tokens.Count == 0 ? "steady" : result.Tokens[0].Value;
        if (ScenarioNames.ByName.TryGetValue(name, out var kind))
        {
            return kind;
        }

        result.AddError($"--scenario must be one of {ScenarioNames.Known}; got '{name}'.");
        return ScenarioKind.Steady;
    }
}
