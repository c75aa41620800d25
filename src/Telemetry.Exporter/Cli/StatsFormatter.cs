using System.Globalization;
using Telemetry.Exporter.Sending;
using Telemetry.Exporter.Simulation;

namespace Telemetry.Exporter.Cli;

/// <summary>Renders <see cref="SendStats"/> for people: the live line and the final summary.</summary>
internal static class StatsFormatter
{
    /// <summary>One progress line; rates are over the time since <paramref name="previous"/>.</summary>
    public static string Line(SendStats current, SendStats previous)
    {
        var seconds = Math.Max(1e-3, (current.Elapsed - previous.Elapsed).TotalSeconds);
        var reports = (current.ReportsAccepted - previous.ReportsAccepted) / seconds;
        var samples = (current.SamplesAccepted - previous.SamplesAccepted) / seconds;
        return string.Create(CultureInfo.InvariantCulture,
            $"[{current.Elapsed:hh\\:mm\\:ss}] {reports:F1} reports/s  {samples:F0} samples/s  errors {Errors(current)}  " +
            $"p50 {current.RecentLatencyP50Ms:F1} ms  p99 {current.RecentLatencyP99Ms:F1} ms  in-flight {current.InFlight}") +
            (current.SpoolEnabled ? "  " + Backlog(current) : "");
    }

    /// <summary>The end-of-run summary, several lines.</summary>
    public static string Summary(SendStats stats) =>
        Summary(stats, $"simulated {stats.Nodes} nodes", "XIDs injected");

    /// <summary>The <c>run</c> command's end-of-run summary: the same lines, about one real node.</summary>
    public static string RunSummary(SendStats stats) => Summary(stats, "ran", "XIDs seen");

    private static string Summary(SendStats stats, string what, string xids)
    {
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture,
                $"{what} for {stats.Elapsed:hh\\:mm\\:ss}: {stats.ReportsAccepted} reports accepted " +
                $"({stats.SamplesAccepted} samples, {stats.BytesAccepted / 1_048_576.0:F1} MiB), {stats.ReportsRejected} rejected, " +
                $"{stats.Retries} retries, {stats.ReportsSkipped} skipped, {stats.Xids} {xids}"),
            $"errors: {Errors(stats)}",
            string.Create(CultureInfo.InvariantCulture,
                $"latency ms: p50 {stats.LatencyP50Ms:F1}, p99 {stats.LatencyP99Ms:F1}, max {stats.LatencyMaxMs:F1}"),
        };
        if (stats.SpoolEnabled)
        {
            lines.Add($"{Backlog(stats)}; {stats.ReportsSpooled} reports went to the spool during the run");
        }

        if (stats.FirstRejection is { } rejection)
        {
            lines.Add($"first rejection: {rejection}");
        }

        return string.Join(Environment.NewLine, lines);
    }

    /// <summary><c>spool 120 (3.4 MiB, oldest 42s), dropped 0</c>.</summary>
    private static string Backlog(SendStats stats) =>
        string.Create(CultureInfo.InvariantCulture,
            $"spool {stats.SpoolBodies} ({stats.SpoolBytes / 1_048_576.0:F1} MiB, oldest {stats.SpoolOldestAge.TotalSeconds:F0}s), dropped {stats.SpoolDropped}");

    private static string Errors(SendStats stats)
    {
        var total = stats.Errors.Values.Sum();
        return total == 0
            ? "0"
            : $"{total} ({string.Join(", ", stats.Errors.Select(e => $"{e.Key} {e.Value}"))})";
    }

    /// <summary>Ground truth of the straggler faults injected, to score detection against: one line each.</summary>
    public static string Stragglers(IReadOnlyList<InjectedStraggler> stragglers)
    {
        var lines = stragglers.Select(s =>
            $"  {s.Kind} on {s.Uuid} ({s.Node}) in {s.JobId} of {s.JobGpus} GPUs from {DateTimeOffset.FromUnixTimeMilliseconds(s.StartMs):O}" +
            (s.EndMs == long.MaxValue ? "" : $" to {DateTimeOffset.FromUnixTimeMilliseconds(s.EndMs):O}"));
        return $"stragglers injected: {stragglers.Count}{Environment.NewLine}{string.Join(Environment.NewLine, lines)}";
    }
}
