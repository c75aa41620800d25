using System.Globalization;
using Telemetry.Benchmarks.Hosting;
using Telemetry.Benchmarks.Reporting;
using Telemetry.Placement;
using Telemetry.Replay.Engines;
using Telemetry.Replay.Fleet;
using Telemetry.Replay.Policies;
using Telemetry.Replay.Results;
using Telemetry.Replay.Trace;

namespace Telemetry.Benchmarks.Packing;

/// <summary>
/// The replay's packing mode without a silo, to iterate on the placement score quickly: the silo's index driven
/// in-process (<see cref="IndexPlacementPolicy"/>) and the three baselines, each on its own fleet, same trace and
/// seed. Prints each one's unallocated GPUs at full demand and what is left free then: whole GPUs, and the
/// remainders of shared GPUs. The figures docs/replay.md reports come from a real silo, not from this.
/// </summary>
internal static class PackingBenchmark
{
    public static async Task<int> RunAsync(PackingSettings settings, CancellationToken cancellationToken)
    {
        IReadOnlyList<TraceTask> trace;
        IReadOnlyList<TraceNode> nodes;
        try
        {
            trace = TraceReader.Read(settings.Trace);
            nodes = NodeListReader.Read(settings.Nodes);
        }
        catch (Exception e) when (e is TraceFormatException or IOException)
        {
            throw new BenchmarkSetupException(e.Message);
        }

        Console.WriteLine($"machine: {MachineInfo.Describe()}");
        Console.WriteLine($"command: {settings.CommandLine}");
        var runs = new List<(PolicyResult Result, ReplayFleet Fleet)>();
        foreach (var name in PolicyNames.All)
        {
            var fleet = new ReplayFleet(nodes, settings.DataCenters, PolicyNames.Prefix(name));
            IPlacementPolicy policy = name switch
            {
                PolicyNames.Silo => new IndexPlacementPolicy(fleet),
                PolicyNames.FirstFit => new FirstFitPolicy(TenantPlan.None),
                PolicyNames.BestFit => new BestFitPolicy(TenantPlan.None),
                _ => new RandomPolicy(TenantPlan.None, settings.Seed),
            };
            var run = new ReplayRun(fleet, policy, TenantPlan.None, OfflineLink.Instance, rebalance: false);
            runs.Add((await new PackingEngine(run).RunAsync(trace, settings.Seed, cancellationToken), fleet));
        }

        var firstFit = runs.Single(r => r.Result.Policy == PolicyNames.FirstFit).Result.UnallocatedGpuPctAtFullDemand ?? 0;
        var table = new ResultTable("measure", [.. runs.Select(r => r.Result.Policy == PolicyNames.Silo ? "silo index, offline" : r.Result.Policy)])
            .Row("placed / failed", runs.Select(r => $"{r.Result.Placed:N0} / {r.Result.Failed:N0}"))
            .Row("unallocated GPUs at full demand, %", runs.Select(r => Figure(r.Result.UnallocatedGpuPctAtFullDemand ?? 0, "F3")))
            .Row("share of first-fit's", runs.Select(r => Figure((r.Result.UnallocatedGpuPctAtFullDemand ?? 0) / firstFit, "F3")))
            .Row("whole free GPUs left", runs.Select(r => $"{r.Fleet.Nodes.Sum(n => n.WholeFreeGpus):N0}"))
            .Row("shared GPUs with room / GPUs' worth free", runs.Select(r => Remainders(r.Fleet)))
            .Row("double allocations, constraint violations", runs.Select(r => $"{r.Result.DoubleAllocations}, {r.Result.ConstraintViolations}"))
            .Row("wall time, s", runs.Select(r => Figure(r.Result.WallSeconds, "F1")));
        Console.WriteLine();
        Console.WriteLine(table.ToText());
        table.WriteMarkdown(settings.CommandLine);
        return runs.All(r => r.Result.DoubleAllocations == 0 && r.Result.ConstraintViolations == 0) ? 0 : 1;
    }

    private static string Remainders(ReplayFleet fleet)
    {
        var partial = fleet.Nodes.SelectMany(n => n.Gpus).Where(g => g.FreeMilli is > 0 and < GpuShares.Whole).ToList();
        return string.Create(CultureInfo.InvariantCulture, $"{partial.Count:N0} / {partial.Sum(g => g.FreeMilli) / (double)GpuShares.Whole:F1}");
    }

    private static string Figure(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
