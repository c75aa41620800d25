using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Telemetry.Replay.Results;

/// <summary>Writes <c>summary.json</c> (one object per policy run) and <c>summary.md</c> (the runs side by side).</summary>
public static class SummaryWriter
{
    /// <summary>Writes both files into <paramref name="directory"/>, creating it.</summary>
    public static void Write(string directory, IReadOnlyList<PolicyResult> results, string heading)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "summary.json"), ToJson(results));
        File.WriteAllText(Path.Combine(directory, "summary.md"), ToMarkdown(results, heading));
    }

    public static string ToJson(IReadOnlyList<PolicyResult> results) => JsonSerializer.Serialize(results as List<PolicyResult> ?? [.. results], SummaryJson.Default.ListPolicyResult);

    public static IReadOnlyList<PolicyResult> FromJson(string json) => JsonSerializer.Deserialize(json, SummaryJson.Default.ListPolicyResult) ?? [];

    /// <summary>A Markdown table, one column per run, one row per figure that applies to the mode.</summary>
    public static string ToMarkdown(IReadOnlyList<PolicyResult> results, string heading)
    {
        var rows = new List<(string Name, Func<PolicyResult, object?> Value)>
        {
            ("rebalance", r => r.Rebalance ? "on" : "off"),
            ("GPU tasks", r => r.Tasks),
            ("placed", r => r.Placed),
            ("failed", r => r.Failed),
        };
        if (results.Any(r => r.Mode == Engines.ReplayModes.Packing))
        {
            rows.Add(("arrived demand, % of capacity", r => r.ArrivedDemandPct));
            rows.Add(("**unallocated GPUs at full demand, %**", r => r.UnallocatedGpuPctAtFullDemand));
        }

        if (results.Any(r => r.Mode == Engines.ReplayModes.Timeline))
        {
            rows.Add(("still queued at the end", r => r.Queued));
            rows.Add(("**allocation, time-weighted, %**", r => r.AllocationPct));
            rows.Add(("queue wait p50, s", r => r.QueueWaitP50Seconds));
            rows.Add(("**queue wait p95, s**", r => r.QueueWaitP95Seconds));
            rows.Add(("GPU faults", r => r.Faults));
            rows.Add(("task runs killed by faults", r => r.TasksKilledByFaults));
            rows.Add(("**GPU-hours lost to faults**", r => r.GpuHoursLostToFaults));
        }

        rows.Add(("migrations", r => r.Migrations));
        rows.Add(("decisions acted on", r => r.DecisionsActedOn));
        rows.Add(("placement refusals", r => r.PlacementRefusals));
        rows.Add(("… of them while the fleet had room", r => r.RefusalsWithRoom));
        rows.Add(("double allocations", r => r.DoubleAllocations));
        rows.Add(("constraint violations", r => r.ConstraintViolations));
        rows.Add(("starts on drained nodes", r => r.StartsOnDrainedNodes));
        rows.Add(("wall time, s", r => r.WallSeconds));

        var text = new StringBuilder();
        text.Append("# ").AppendLine(heading).AppendLine();
        text.Append("| | ").AppendJoin(" | ", results.Select(r => $"{r.Policy} ({r.Mode})")).AppendLine(" |");
        text.Append("| --- |").Append(string.Concat(Enumerable.Repeat(" ---: |", results.Count))).AppendLine();
        foreach (var (name, value) in rows)
        {
            text.Append("| ").Append(name).Append(" | ")
                .AppendJoin(" | ", results.Select(r => Format(value(r))))
                .AppendLine(" |");
        }

        return text.ToString();
    }

    private static string Format(object? value) => value switch
    {
        null => "—",
        double d => d.ToString("0.###", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
