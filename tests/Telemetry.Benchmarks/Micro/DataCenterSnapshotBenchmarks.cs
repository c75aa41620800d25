using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Telemetry.Grains;
using Telemetry.Grains.DataCenters;
using Telemetry.Health;
using Telemetry.State;

namespace Telemetry.Benchmarks.Micro;

/// <summary>
/// One durable write of a national data center's nodes (6,500 nodes of 8 GPUs, one or two jobs each), made and
/// serialized as the Redis storage serializes it: <see cref="ListOfRecords"/> is the state as it was written before
/// (an array of records, each a compact copy of the node's summary), <see cref="Packed"/> the state as it is written now.
/// </summary>
[MemoryDiagnoser]
public class DataCenterSnapshotBenchmarks
{
    private const int Nodes = 6_500;
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private readonly Serializer _serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();
    private readonly DataCenterAggregate _aggregate = new("dc1");
    private readonly List<NodeSummary> _summaries = new(Nodes);

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        for (var n = 0; n < Nodes; n++)
        {
            var summary = new NodeSummary
            {
                NodeId = $"dc1/node-{n:D5}",
                Health = n % 50 == 0 ? HealthState.Degraded : HealthState.Healthy,
                GpusByHealth = n % 50 == 0 ? new HealthCounts(7, 1, 0, 0) : new HealthCounts(8, 0, 0, 0),
                FreeGpus = random.Next(0, 3),
                GpuUtilPct = [.. Enumerable.Range(0, 8).Select(_ => Math.Round(random.NextDouble() * 100, 1))],
                PowerW = Math.Round(3000 + (random.NextDouble() * 3000), 1),
                LastReportAt = Now.AddSeconds(-random.Next(0, 10)),
                Model = "NVIDIA B200",
                Headroom = random.NextDouble(),
                Jobs = n % 3 == 0
                    ? [new JobShare($"job-{n / 3:D6}", 8) { Since = Now.AddHours(-2) }]
                    : [new JobShare($"job-{n:D6}-a", 4) { Since = Now.AddMinutes(-30) }, new JobShare($"job-{n:D6}-b", 4) { Since = Now.AddMinutes(-5) }],
                FreeGpuUuids = [.. Enumerable.Range(0, 2).Select(i => $"GPU-{n:D5}-{i}")],
            };
            _summaries.Add(summary);
            _aggregate.Update(summary, Now);
        }

        Console.WriteLine($"// bytes written: list of records {ListOfRecords():N0}, packed {Packed():N0}");
    }

    [Benchmark(Baseline = true)]
    public int ListOfRecords() => _serializer.SerializeToArray(new DataCenterDurableState
    {
        SavedAt = Now,
        Nodes = [.. _summaries.Select(s => new RememberedNode
        {
            Summary = s with { GpuBriefs = [], FreeGpuUuids = [], SharedGpus = [], FreeMemoryMib = null },
            ReceivedAt = Now,
            Blind = TimeSpan.Zero,
        })],
    }).Length;

    [Benchmark]
    public int Packed() => _serializer.SerializeToArray(_aggregate.Remember(Now)).Length;
}
