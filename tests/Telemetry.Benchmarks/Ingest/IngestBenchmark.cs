using Telemetry.Benchmarks.Hosting;

namespace Telemetry.Benchmarks.Ingest;

/// <summary>
/// The end-to-end ingest comparison: the same fleet data, sent with the same closed-loop load to the silo
/// and then to each peer in turn (one server running at a time), measured from outside each process.
/// </summary>
internal static class IngestBenchmark
{
    private const string Silo = "silo";

    public static async Task<int> RunAsync(IngestSettings settings, CancellationToken cancellationToken)
    {
        if (settings.CompareJobs)
        {
            return await JobCostComparison.RunAsync(settings, cancellationToken);
        }

        foreach (var peer in settings.Peers)
        {
            // Fail before minutes of work, not after.
            _ = peer switch
            {
                VictoriaMetricsLauncher.Name => PeerBinary.Require("/usr/bin/victoria-metrics", "victoria-metrics"),
                InfluxDbLauncher.Name => PeerBinary.Require("/usr/bin/influxd", "influxdb"),
                _ => throw new BenchmarkSetupException($"Unknown peer '{peer}'; known: {VictoriaMetricsLauncher.Name}, {InfluxDbLauncher.Name}."),
            };
        }

        Console.WriteLine($"machine: {MachineInfo.Describe()}");
        Console.WriteLine($"command: {settings.CommandLine}");
        var fleet = FleetData.Generate(settings.Nodes, settings.SamplesPerReport, settings.PoolMiB * 1024L * 1024, settings.Jobs);
        Console.WriteLine(
            $"fleet: {settings.Nodes:N0} nodes × {FleetData.GpusPerNode} B200 GPUs × {settings.SamplesPerReport} samples × 23 fields per body; " +
            $"{fleet.Rounds} rounds of values per node generated in {fleet.GenerationTime.TotalSeconds:F1} s; " +
            $"{(settings.Jobs.ByPlanner ? "the simulator's own jobs, " : $"jobs of {settings.Jobs.GpusPerJob} GPUs, ")}{settings.Concurrency} connections, {settings.Warmup.TotalSeconds:F0} s warm-up, {settings.Duration.TotalSeconds:F0} s measured per server");

        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var results = new List<ServerResult>();
        foreach (var name in (IEnumerable<string>)[Silo, .. settings.Peers])
        {
            var target = await StartAsync(name, settings, probe, cancellationToken);
            using (target.Server)
            {
                await Console.Error.WriteLineAsync($"[{name}] pid {target.Server.Pid}, {target.WriteUri}");
                var load = await new LoadDriver(fleet, target, settings.Concurrency, settings.Rate).RunAsync(settings.Warmup, settings.Duration, cancellationToken);
                var (rss, peak) = ProcStat.Memory(target.Server.Pid);
                var note = name == Silo ? await SiloCountsAsync(probe, target, cancellationToken) : null;
                results.Add(new ServerResult(name, load, rss, peak, fleet.AverageBodyBytes(target.Format), note));
            }
        }

        IngestReport.Print(results, settings);
        var healthy = results.All(r => r.Load.AcceptedSamples > 0 && (!settings.Smoke || r.Load.ErrorCount == 0));
        return healthy ? 0 : 1;
    }

    private static Task<IngestTarget> StartAsync(string name, IngestSettings settings, HttpClient probe, CancellationToken cancellationToken) => name switch
    {
        Silo => SiloLauncher.StartAsync(settings.SiloBin, probe, cancellationToken),
        VictoriaMetricsLauncher.Name => VictoriaMetricsLauncher.StartAsync(probe, cancellationToken),
        _ => InfluxDbLauncher.StartAsync(probe, cancellationToken),
    };

    // The silo's own counters cover warm-up too; they show that nothing sent was a duplicate or rejected.
    private static async Task<string> SiloCountsAsync(HttpClient probe, IngestTarget target, CancellationToken cancellationToken)
    {
        var metrics = await SiloMetrics.ReadAsync(probe, target.Server.BaseAddress, cancellationToken);
        return $"silo /metrics (warm-up included): {metrics.GetValueOrDefault("telemetry_ingest_samples_total"):N0} samples applied, " +
            $"{metrics.GetValueOrDefault("telemetry_ingest_duplicates_total"):N0} duplicate reports, {metrics.GetValueOrDefault("telemetry_ingest_rejected_total"):N0} rejected bodies";
    }
}
