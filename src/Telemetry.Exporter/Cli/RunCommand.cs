using System.CommandLine;
using System.Runtime.InteropServices;
using Telemetry.Exporter.Running;
using Telemetry.Exporter.Sources;

namespace Telemetry.Exporter.Cli;

/// <summary><c>telemetry-exporter run</c>: reads this node's GPUs and streams its reports to the ingest servers.</summary>
public static class RunCommand
{
    /// <summary>Exit code when reports were rejected with a 4xx (e.g. a wrong token).</summary>
    public const int ReportsRejected = 1;

    /// <summary>Exit code when the flags or the config file are unusable, or the spool directory is taken.</summary>
    public const int InvalidOptions = ExporterCommandLine.InvalidOptions;

    /// <summary>Exit code when the source cannot read the GPUs at start (no driver, no nvidia-smi, dcgm-exporter unreachable).</summary>
    public const int SourceUnavailable = 3;

    public static Command Create()
    {
        var options = new RunOptionSet();
        var command = new Command("run", "Read this node's GPUs (NVML, dcgm-exporter or nvidia-smi) and stream reports to /api/v1/ingest until stopped.");
        foreach (var option in options.All)
        {
            command.Options.Add(option);
        }

        command.SetAction((result, ct) => RunAsync(options, result, Console.Error, ct));
        return command;
    }

    /// <summary>Runs the command; the exit code is one of the constants above, or 0.</summary>
    internal static async Task<int> RunAsync(RunOptionSet flags, ParseResult result, TextWriter log, CancellationToken ct)
    {
        if (flags.ToSettings(result, Environment.MachineName, out var errors) is not { } settings)
        {
            foreach (var error in errors)
            {
                await log.WriteLineAsync($"run: {error}");
            }

            return InvalidOptions;
        }

        // systemd stops a service with SIGTERM: stop as on Ctrl-C, sending what was collected.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stopping.Cancel();
        });

        await using var source = GpuSources.Create(settings);
        try
        {
            await source.StartAsync(stopping.Token);
        }
        catch (GpuSourceException e)
        {
            await log.WriteLineAsync($"run: {e.Message}");
            return SourceUnavailable;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return 0;
        }

        await log.WriteLineAsync(
            $"run: node {settings.NodeId} from {source.Description}, {settings.SampleHz:0.#} samples/s, a report every {settings.ReportEvery.TotalSeconds:0.#} s " +
            $"to {string.Join(", ", settings.Servers)}; " +
            (settings.SpoolDirectory is null ? "no spool" : $"spool {settings.SpoolDirectory}"));
        try
        {
            var stats = await new NodeExporter(settings, source, log).RunAsync(stopping.Token);
            await log.WriteLineAsync(StatsFormatter.RunSummary(stats));
            return stats.ReportsRejected > 0 ? ReportsRejected : 0;
        }
        catch (IOException e)
        {
            await log.WriteLineAsync($"run: {e.Message}");
            return InvalidOptions;
        }
    }
}
