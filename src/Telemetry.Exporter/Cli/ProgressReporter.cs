using Telemetry.Exporter.Simulation;

namespace Telemetry.Exporter.Cli;

/// <summary>
/// The live progress line on stderr: rewritten in place every second on a terminal, or one line every
/// five seconds when stderr is a file or pipe (so logs stay readable).
/// </summary>
internal sealed class ProgressReporter(FleetSimulator simulator, TextWriter output, bool interactive)
{
    private const int LogEverySeconds = 5;

    public async Task RunAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        var previous = simulator.GetStats();
        var ticks = 0;
        var width = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                ticks++;
                if (!interactive && ticks % LogEverySeconds != 0)
                {
                    continue;
                }

                var current = simulator.GetStats();
                var line = StatsFormatter.Line(current, previous);
                previous = current;
                if (interactive)
                {
                    // Pad so a shorter line fully covers the previous one.
                    await output.WriteAsync("\r" + line.PadRight(width));
                    width = line.Length;
                }
                else
                {
                    await output.WriteLineAsync(line);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended.
        }

        if (interactive && width > 0)
        {
            await output.WriteLineAsync();
        }
    }
}
