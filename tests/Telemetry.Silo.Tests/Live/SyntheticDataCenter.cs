using Telemetry.Health;
using Telemetry.Silo.Live;
using Telemetry.State;

namespace Telemetry.Silo.Tests.Live;

/// <summary>
/// A data center's heat-map answer built as the silo builds it (<see cref="HeatMapNode.From"/> over node summaries), with every
/// kind of cell the heat map draws: busy and idle GPUs, degraded, unhealthy, offline nodes, stragglers and shared GPUs.
/// </summary>
public static class SyntheticDataCenter
{
    public const int GpusPerNode = 8;

    /// <summary>Nodes <c>{dataCenter}/node-00000</c> onwards, 8 B200 GPUs each; the same seed gives the same answer.</summary>
    public static DataCenterGpus Gpus(string dataCenter, int nodes, int seed)
    {
        var random = new Random(seed);
        var answer = new HeatMapNode[nodes];
        for (var n = 0; n < nodes; n++)
        {
            answer[n] = HeatMapNode.From(Node($"{dataCenter}/node-{n:D5}", random));
        }

        return new DataCenterGpus(dataCenter, answer);
    }

    /// <summary>The data center's summary as the fleet answer lists it, counted from its heat map.</summary>
    public static DataCenterSummary Summary(DataCenterGpus gpus)
    {
        ArgumentNullException.ThrowIfNull(gpus);
        var cells = gpus.Nodes.SelectMany(n => n.States.Select((state, i) => (State: state, Util: n.UtilPct[i], Job: n.Jobs[i]))).ToArray();
        var utils = cells.Where(c => c.Util is not null).Select(c => c.Util!.Value).Order().ToArray();
        return new DataCenterSummary
        {
            Id = gpus.DataCenter,
            Nodes = gpus.Nodes.Count,
            Gpus = cells.Length,
            GpusByHealth = new HealthCounts(
                cells.Count(c => c.State == HealthState.Healthy),
                cells.Count(c => c.State == HealthState.Degraded),
                cells.Count(c => c.State == HealthState.Unhealthy),
                cells.Count(c => c.State == HealthState.Offline)),
            FreeGpus = cells.Count(c => c.State == HealthState.Healthy && c.Job is null),
            Utilization = utils.Length == 0 ? UtilizationSummary.Zero : new UtilizationSummary(utils.Average(), utils[(int)(utils.Length * 0.95)]),
            PowerW = utils.Sum(u => 150 + (8 * u)),
        };
    }

    // Proportions of a large fleet on an ordinary day: most nodes busy, a few percent of GPUs not healthy, one node in a hundred dark.
    private static NodeSummary Node(string id, Random random)
    {
        var offline = random.NextDouble() < 0.01;
        var job = random.NextDouble() < 0.7 ? $"job-{random.Next():x8}" : null;
        var shared = job is not null && random.NextDouble() < 0.03;
        var gpus = new GpuBrief[GpusPerNode];
        for (var i = 0; i < GpusPerNode; i++)
        {
            var roll = random.NextDouble();
            var uuid = new byte[16];
            random.NextBytes(uuid);
            gpus[i] = new GpuBrief
            {
                Uuid = $"GPU-{new Guid(uuid)}",
                Index = i,
                Model = "NVIDIA B200",
                JobId = job,
                Health = roll < 0.005 ? HealthState.Unhealthy : roll < 0.025 ? HealthState.Degraded : HealthState.Healthy,
                UtilPct = job is null ? 0 : Math.Round(random.NextDouble() * 100, 1),
                Straggler = job is not null && random.NextDouble() < 0.002,
            };
        }

        return new NodeSummary
        {
            NodeId = id,
            Health = offline ? HealthState.Offline : gpus.Max(g => g.Health),
            GpusByHealth = new HealthCounts(GpusPerNode, 0, 0, 0),
            Model = "NVIDIA B200",
            GpuBriefs = gpus,
            SharedGpus = shared ? [.. gpus.Take(2).Select(g => new SharedGpu(g.Uuid, random.Next(100, 1000), Open: true))] : [],
        };
    }
}
