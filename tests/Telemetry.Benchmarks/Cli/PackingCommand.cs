using System.CommandLine;
using Telemetry.Benchmarks.Packing;

namespace Telemetry.Benchmarks.Cli;

/// <summary><c>packing</c>: the replay's packing mode offline, the silo's placement index in-process against the baselines.</summary>
internal static class PackingCommand
{
    private const string DefaultTrace = "../shared/traces/alibaba-gpu-v2023";

    private static readonly Option<string> Trace = new("--trace") { Description = "The task list (the replay's --trace).", DefaultValueFactory = _ => $"{DefaultTrace}/openb_pod_list_default.csv" };
    private static readonly Option<string> Nodes = new("--nodes") { Description = "The node list (the replay's --nodes).", DefaultValueFactory = _ => $"{DefaultTrace}/openb_node_list_gpu_node.csv" };
    private static readonly Option<int> DataCenters = new("--datacenters") { Description = "Data centers the nodes are split into, as the replay does.", DefaultValueFactory = _ => 5 };
    private static readonly Option<int> Seed = new("--seed") { Description = "Seed of the random baseline.", DefaultValueFactory = _ => 1 };

    public static Command Create(IReadOnlyList<string> args)
    {
        var command = new Command("packing", "Replay a trace in packing mode without a silo: the silo's placement index driven in-process and the baselines; print unallocated GPUs at full demand and what is left free.")
        {
            Trace, Nodes, DataCenters, Seed,
        };
        command.SetAction((result, ct) => result.GetValue(DataCenters) < 1
            ? CommandRunner.InvalidAsync("packing", "--datacenters must be at least 1.")
            : CommandRunner.RunAsync("packing", () => PackingBenchmark.RunAsync(
                new PackingSettings(result.GetValue(Trace)!, result.GetValue(Nodes)!, result.GetValue(DataCenters), result.GetValue(Seed), $"{CommandRunner.Invocation} {string.Join(' ', args)}"),
                ct)));
        return command;
    }
}
