using System.CommandLine;
using Telemetry.Exporter.Sending;
using Telemetry.Exporter.Simulation;

namespace Telemetry.Exporter.Cli;

/// <summary><c>telemetry-exporter simulate</c>: streams a simulated GPU fleet to ingest servers.</summary>
public static class SimulateCommand
{
    /// <summary>Exit code when the options are unusable.</summary>
    public const int InvalidOptions = ExporterCommandLine.InvalidOptions;

    /// <summary>Exit code when any report was rejected with a 4xx.</summary>
    public const int ReportsRejected = 1;

    public static Command Create()
    {
        var options = new SimulateOptionSet();
        var command = new Command("simulate", "Simulate a fleet of GPU nodes and stream their reports to /api/v1/ingest (MessagePack, WIRE.md).");
        foreach (var option in options.All)
        {
            command.Options.Add(option);
        }

        command.SetAction((result, ct) => RunAsync(options, result, ct));
        return command;
    }

    private static async Task<int> RunAsync(SimulateOptionSet flags, ParseResult result, CancellationToken ct)
    {
        var options = flags.ToOptions(result);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                await Console.Error.WriteLineAsync($"simulate: {error}");
            }

            return InvalidOptions;
        }

        var simulator = new FleetSimulator(options);
        var quiet = flags.Quiet(result);
        if (!quiet)
        {
            await Console.Error.WriteLineAsync(Describe(options));
        }

        using var progressStop = new CancellationTokenSource();
        var progress = quiet
            ? Task.CompletedTask
            : new ProgressReporter(simulator, Console.Error, interactive: !Console.IsErrorRedirected).RunAsync(progressStop.Token);

        SendStats stats;
        try
        {
            stats = await simulator.RunAsync(ct);
        }
        catch (IOException e)
        {
            await progressStop.CancelAsync();
            await progress;
            await Console.Error.WriteLineAsync($"simulate: {e.Message}");
            return InvalidOptions;
        }

        await progressStop.CancelAsync();
        await progress;
        await Console.Error.WriteLineAsync(StatsFormatter.Summary(stats));
        if (simulator.InjectedStragglers() is { Length: > 0 } stragglers)
        {
            await Console.Error.WriteLineAsync(StatsFormatter.Stragglers(stragglers));
        }

        return stats.ReportsRejected > 0 ? ReportsRejected : 0;
    }

    private static string Describe(SimulatorOptions o)
    {
        var samplesPerSecond = o.NodeCount * o.GpusPerNode * o.SamplesPerReport / o.Interval.TotalSeconds;
        var target = o.DryRun ? "a dry-run sink" : string.Join(", ", o.Servers);
        return $"simulating {o.NodeCount} nodes × {o.GpusPerNode} GPUs ({string.Join(", ", o.Models.Select(m => m.Model.Name))}) " +
            $"in {string.Join(", ", o.DataCenters)}: {samplesPerSecond:F0} samples/s to {target}; " +
            $"{(o.Duration == TimeSpan.Zero ? "until Ctrl-C" : $"for {o.Duration}")}; " +
            (o.SpoolDirectory is null ? "no spool" : $"spool {o.SpoolDirectory} (at most {o.SpoolMaxBytes >> 20} MiB)");
    }
}
