using System.CommandLine;
using System.Globalization;
using Telemetry.Replay;
using Telemetry.Replay.Engines;
using Telemetry.Replay.Policies;

namespace Telemetry.Exporter.Cli;

/// <summary>The <c>replay</c> command's flags and their mapping to <see cref="ReplayOptions"/> (docs/replay.md).</summary>
internal sealed class ReplayOptionSet
{
    private readonly Option<string[]> _servers = new("--server")
    {
        Description = "Silo URL; repeat for several. Without one, only the baselines run, offline (no telemetry, no decisions).",
        HelpName = "url",
    };

    private readonly Option<string> _trace = new("--trace") { Description = "The trace's task list (pods CSV).", Required = true, HelpName = "pods.csv" };

    private readonly Option<string> _nodes = new("--nodes") { Description = "The trace's node list (nodes CSV); each node becomes a simulated node.", Required = true, HelpName = "nodes.csv" };

    private readonly Option<int> _dataCenters = new("--datacenters") { Description = "Data centers the nodes are spread over (1–64).", DefaultValueFactory = _ => 5 };

    private readonly Option<string?> _tenants = new("--tenants") { Description = "Tenants, their shares of the tasks and their data centers (JSON, docs/replay.md).", HelpName = "file" };

    private readonly Option<string> _mode = new("--mode") { Description = "packing (arrival order, tasks never leave, up to full demand) or timeline (creation and deletion times).", DefaultValueFactory = _ => ReplayModes.Packing };

    private readonly Option<string[]> _policies = new("--policy") { Description = "silo, first-fit, best-fit or random; repeat to run several, each on its own fresh fleet.", HelpName = "name" };

    private readonly Option<string> _rebalance = new("--rebalance") { Description = "on: act on the rebalancer's decisions; off: ignore them.", DefaultValueFactory = _ => "on" };

    private readonly Option<double?> _faults = new("--faults") { Description = "GPU faults per GPU-hour of trace time (timeline). Default: Llama 3's 2e-5 scaled so the replay sees about 300.", HelpName = "rate" };

    private readonly Option<double> _load = new("--load") { Description = "Timeline: arrivals this many times closer together, run times unchanged (the default trace fills at most 1 % of its fleet at once).", DefaultValueFactory = _ => 1 };

    private readonly Option<double> _speed = new("--speed") { Description = "Trace seconds per wall second while linked to a silo (timeline).", DefaultValueFactory = _ => 20_000 };

    private readonly Option<int> _seed = new("--seed") { Description = "Seed of tenants, the random baseline and faults.", DefaultValueFactory = _ => 1 };

    private readonly Option<string> _out = new("--out") { Description = "Directory for summary.json, summary.md and the charts.", DefaultValueFactory = _ => "replay-out", HelpName = "dir" };

    private readonly Option<string?> _window = new("--window") { Description = "Timeline only: FROM:TO trace seconds to cover (either side may be empty).", HelpName = "from:to" };

    private readonly Option<double> _reportEvery = new("--report-every") { Description = "Seconds between each simulated node's reports (0.2–60).", DefaultValueFactory = _ => 2 };

    public IEnumerable<Option> All => [_servers, _trace, _nodes, _dataCenters, _tenants, _mode, _policies, _rebalance, _faults, _load, _speed, _seed, _out, _window, _reportEvery];

    /// <summary>The options, or the messages naming each bad flag.</summary>
    public (ReplayOptions? Options, IReadOnlyList<string> Errors) ToOptions(ParseResult result)
    {
        var errors = new List<string>();
        var servers = new List<Uri>();
        foreach (var text in (result.GetValue(_servers) ?? []).SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            {
                servers.Add(uri);
            }
            else
            {
                errors.Add($"--server: '{text}' is not an http(s) URL");
            }
        }

        var mode = result.GetValue(_mode) ?? string.Empty;
        if (mode is not (ReplayModes.Packing or ReplayModes.Timeline))
        {
            errors.Add($"--mode: '{mode}' is neither packing nor timeline");
        }

        var policies = result.GetValue(_policies) is { Length: > 0 } named ? named : servers.Count > 0 ? [.. PolicyNames.All] : [PolicyNames.FirstFit, PolicyNames.BestFit, PolicyNames.Random];
        foreach (var policy in policies.Where(p => !PolicyNames.All.Contains(p)))
        {
            errors.Add($"--policy: '{policy}' is none of {string.Join(", ", PolicyNames.All)}");
        }

        if (policies.Contains(PolicyNames.Silo) && servers.Count == 0)
        {
            errors.Add("--policy silo needs --server: the silo's placement answers it");
        }

        var rebalance = result.GetValue(_rebalance);
        if (rebalance is not ("on" or "off"))
        {
            errors.Add($"--rebalance: '{rebalance}' is neither on nor off");
        }

        Check(errors, result.GetValue(_dataCenters) is >= 1 and <= 64, "--datacenters must be 1–64");
        Check(errors, result.GetValue(_faults) is null or (>= 0 and <= 1000), "--faults must be 0–1000 per GPU-hour");
        Check(errors, result.GetValue(_load) is >= 1 and <= 1e6, "--load must be 1 or more");
        Check(errors, result.GetValue(_speed) is > 0 and <= 1e9, "--speed must be above 0");
        Check(errors, result.GetValue(_reportEvery) is >= 0.2 and <= 60, "--report-every must be 0.2–60 seconds");
        var window = ParseWindow(result.GetValue(_window), errors);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new ReplayOptions
        {
            Servers = servers,
            TracePath = result.GetValue(_trace)!,
            NodesPath = result.GetValue(_nodes)!,
            DataCenters = result.GetValue(_dataCenters),
            TenantsPath = result.GetValue(_tenants),
            Mode = mode,
            Policies = policies.Distinct().ToList(),
            Rebalance = rebalance == "on",
            FaultsPerGpuHour = result.GetValue(_faults),
            Load = result.GetValue(_load),
            Speed = result.GetValue(_speed),
            Seed = result.GetValue(_seed),
            OutDirectory = result.GetValue(_out)!,
            Window = window,
            ApiKey = Environment.GetEnvironmentVariable(ReplayCommand.ApiKeyVariable),
            ReportEverySeconds = result.GetValue(_reportEvery),
        }, errors);
    }

    private static void Check(List<string> errors, bool ok, string message)
    {
        if (!ok)
        {
            errors.Add(message);
        }
    }

    private static TimelineWindow ParseWindow(string? text, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return TimelineWindow.Whole;
        }

        var parts = text.Split(':');
        double? from = null, until = null;
        var ok = parts.Length == 2;
        if (ok && parts[0].Length > 0)
        {
            ok = double.TryParse(parts[0], CultureInfo.InvariantCulture, out var f);
            from = f;
        }

        if (ok && parts[1].Length > 0)
        {
            ok = double.TryParse(parts[1], CultureInfo.InvariantCulture, out var u);
            until = u;
        }

        if (!ok || (from is { } a && until is { } b && b <= a))
        {
            errors.Add($"--window: '{text}' is not FROM:TO trace seconds with TO after FROM");
        }

        return new TimelineWindow(from, until);
    }
}
