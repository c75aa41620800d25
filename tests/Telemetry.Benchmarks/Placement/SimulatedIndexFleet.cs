using Telemetry.Grains;
using Telemetry.Health;
using Telemetry.State;

namespace Telemetry.Benchmarks.Placement;

/// <summary>
/// Feeds the data-center grains' placement indexes directly with node summaries, as node grains would send
/// them: 8 GPUs a node, a random number of them free (a busy fleet: a third of nodes full, few empty),
/// random headroom, three B200 data centers to one H200. Ingest is measured elsewhere; this isolates placement.
/// </summary>
internal static class SimulatedIndexFleet
{
    public const int GpusPerNode = 8;

    public static async Task FeedAsync(IGrainFactory grains, int nodes, int dataCenters, int seed)
    {
        var random = new Random(seed);
        var batch = new List<Task>(1024);
        for (var n = 0; n < nodes; n++)
        {
            var dc = $"dc{(n % dataCenters) + 1}";
            batch.Add(grains.GetGrain<IDataCenterGrain>(dc).ReportNodeAsync(Summary($"{dc}/node-{n:D5}", dc, random)));
            if (batch.Count == batch.Capacity)
            {
                await Task.WhenAll(batch);
                batch.Clear();
            }
        }

        await Task.WhenAll(batch);
    }

    private static NodeSummary Summary(string nodeId, string dc, Random random)
    {
        var u = random.NextDouble();
        var free = u < 0.33 ? 0 : u < 0.9 ? random.Next(1, GpusPerNode) : GpusPerNode;
        return new NodeSummary
        {
            NodeId = nodeId,
            Health = HealthState.Healthy,
            GpusByHealth = new HealthCounts(GpusPerNode, 0, 0, 0),
            FreeGpus = free,
            FreeGpuUuids = [.. Enumerable.Range(GpusPerNode - free, free).Select(i => $"GPU-{nodeId}-{i}")],
            FreeMemoryMib = free == 0 ? null : 180_000,
            Headroom = Math.Round(random.NextDouble(), 3),
            Model = dc.EndsWith('4') ? "NVIDIA H200" : "NVIDIA B200",
            LastReportAt = DateTimeOffset.UtcNow,
        };
    }
}
