using BenchmarkDotNet.Attributes;
using Telemetry.Grains.Placement;
using Telemetry.Health;
using Telemetry.Placement;
using Telemetry.State;

namespace Telemetry.Benchmarks.Micro;

/// <summary>
/// One query of one data center's placement index at the national fleet's size per data center
/// (6,500 nodes of 8 GPUs, free counts and headroom at random, a busy GPU of every fourth node shared between jobs):
/// the work a data-center grain does per placement. <see cref="FindShare"/> asks for a quarter of one GPU.
/// </summary>
[MemoryDiagnoser]
public class PlacementIndexBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private PlacementIndex _index = null!;
    private PlacementQuery _query = null!;
    private PlacementQuery _share = null!;

    [Params(1, 4, 8)]
    public int Gpus { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _index = new PlacementIndex("dc1");
        var random = new Random(1);
        for (var n = 0; n < 6_500; n++)
        {
            var free = random.Next(0, 9);
            _index.Update(new NodeSummary
            {
                NodeId = $"dc1/node-{n:D5}",
                Health = HealthState.Healthy,
                GpusByHealth = new HealthCounts(8, 0, 0, 0),
                FreeGpus = free,
                FreeGpuUuids = [.. Enumerable.Range(0, free).Select(i => $"GPU-{n}-{i}")],
                Headroom = random.NextDouble(),
                Model = "NVIDIA B200",
                SharedGpus = free < 8 && n % 4 == 0 ? [new SharedGpu($"GPU-{n}-shared", random.Next(1, 1001), Open: true)] : [],
            }, Now);
        }

        _query = new PlacementQuery(new PlacementRequest { Gpus = Gpus, Model = "NVIDIA B200" }, SingleNode: true, Candidates: 3);
        _share = new PlacementQuery(new PlacementRequest { Gpus = 1, GpuMilli = 250, Model = "NVIDIA B200" }, SingleNode: true, Candidates: 3);
    }

    [Benchmark]
    public int Find() => _index.Find(_query, 1, Now).Candidates.Length;

    /// <summary>A quarter of one GPU: the shared GPUs bucket by bucket of free share, then the whole ones (the same for every <see cref="Gpus"/>).</summary>
    [Benchmark]
    public int FindShare() => _index.Find(_share, 1, Now).Candidates.Length;
}
