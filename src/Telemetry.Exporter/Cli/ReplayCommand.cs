using System.CommandLine;
using Telemetry.Replay;
using Telemetry.Replay.Live;
using Telemetry.Replay.Trace;

namespace Telemetry.Exporter.Cli;

/// <summary><c>telemetry-exporter replay</c>: acts as the fleet's scheduler and its exporters over a real trace (docs/replay.md).</summary>
internal static class ReplayCommand
{
    /// <summary>Read for the API key sent to the silos, so it need not appear in process listings.</summary>
    public const string ApiKeyVariable = "TELEMETRY_API_KEY";

    /// <summary>Exit code when a run double-allocated a GPU or broke a constraint.</summary>
    public const int InvariantBroken = 1;

    /// <summary>Exit code for bad flags, or a missing or malformed trace, node list or tenants file.</summary>
    public const int InvalidInput = 2;

    /// <summary>Exit code when the cluster cannot be reached or refuses what the replay needs.</summary>
    public const int ClusterUnavailable = 3;

    // Only a build with -p:ReplayCharts=true carries the plotting library (see the project file).
#if REPLAY_CHARTS
    private static Replay.Results.ChartDrawer? Charts => Replay.Charts.ChartWriter.Write;
#else
    private static Replay.Results.ChartDrawer? Charts => null;
#endif

    public static Command Create()
    {
        var flags = new ReplayOptionSet();
        var command = new Command("replay", "Replay a GPU cluster trace through placement and rebalancing: the fleet's scheduler and its exporters at once.");
        foreach (var option in flags.All)
        {
            command.Options.Add(option);
        }

        command.SetAction((result, ct) => RunAsync(flags, result, ct));
        return command;
    }

    private static async Task<int> RunAsync(ReplayOptionSet flags, ParseResult result, CancellationToken ct)
    {
        var (options, errors) = flags.ToOptions(result);
        if (options is null)
        {
            foreach (var error in errors)
            {
                await Console.Error.WriteLineAsync($"replay: {error}");
            }

            return InvalidInput;
        }

        var progress = new ReplayProgress(Console.Error, interactive: !Console.IsErrorRedirected);
        try
        {
            var results = await new ReplayRunner(options, ReplayClusters.For(options, progress.Report), progress.Report, Charts).RunAsync(ct);
            progress.Done();
            await Console.Out.WriteAsync(Replay.Results.SummaryWriter.ToMarkdown(results, $"Replay ({options.Mode}) → {Path.GetFullPath(options.OutDirectory)}"));
            return results.Any(r => r.DoubleAllocations > 0 || r.ConstraintViolations > 0) ? InvariantBroken : 0;
        }
        catch (Exception e) when (e is TraceFormatException or FormatException)
        {
            progress.Done();
            await Console.Error.WriteLineAsync($"replay: {e.Message}");
            return InvalidInput;
        }
        catch (SiloUnreachableException e)
        {
            progress.Done();
            await Console.Error.WriteLineAsync($"replay: {e.Message}");
            return ClusterUnavailable;
        }
    }
}
