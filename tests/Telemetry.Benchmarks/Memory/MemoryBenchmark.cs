using Telemetry.Benchmarks.Hosting;
using Telemetry.Benchmarks.Ingest;
using Telemetry.Benchmarks.Reporting;

namespace Telemetry.Benchmarks.Memory;

/// <summary>
/// Memory per GPU and activation cost on one silo: activates every node and GPU grain with a first report,
/// then sends a report per node for every interval of sample time over the given minutes (by default a full
/// hour of 10-second history, sent as fast as the silo takes it), waits for the GC to settle, and divides the
/// silo's RSS growth over idle and its GC heap by the GPU count. With several silo builds, each is measured in
/// turn with the same reports, and the table compares them. Before anything is measured, a few warm-up nodes
/// (other ids) report a few times, so that the first reports measured pay for grain activation, not for
/// compiling the ingest path, and the idle reading includes the silo's fixed pools and caches.
/// </summary>
internal static class MemoryBenchmark
{
    private const int WarmupRounds = 3;

    private const int WarmupPhases = 3;

    private static readonly TimeSpan JitQuietTimeout = TimeSpan.FromSeconds(20);

    public static async Task<int> RunAsync(MemorySettings settings, CancellationToken cancellationToken)
    {
        Console.WriteLine($"machine: {MachineInfo.Describe()}");
        Console.WriteLine($"command: {settings.CommandLine}");
        var results = new List<MemoryResult>();
        foreach (var (label, bin) in settings.Silos)
        {
            var result = await MeasureAsync(settings, label, bin, cancellationToken);
            results.Add(result);
            if (settings.Silos.Count > 1)
            {
                // Each build's figures as soon as it is done, so that a run cut off later keeps them.
                Console.WriteLine();
                Console.WriteLine(MemoryTable.Of(settings, [result]).ToText());
            }
        }

        if (settings.VictoriaMetrics)
        {
            results.Add(await MeasurePeerAsync(settings, cancellationToken));
        }

        Console.WriteLine();
        var table = MemoryTable.Of(settings, results);
        Console.WriteLine(table.ToText());
        table.WriteMarkdown(settings.CommandLine);
        var errors = results.Sum(r => r.Errors);
        var samples = results.Min(r => r.Samples);
        Console.WriteLine($"memory: {(errors == 0 && samples > 0 ? "passed" : "failed")}, {errors:N0} errors");
        return errors == 0 && samples > 0 ? 0 : 1;
    }

    private static async Task<MemoryResult> MeasureAsync(MemorySettings settings, string label, string? bin, CancellationToken cancellationToken)
    {
        using var client = NewClient(settings);
        var target = await SiloLauncher.StartAsync(bin, client, cancellationToken);
        using (target.Server)
        {
            await WarmUpAsync(settings, target, client, silo: true, cancellationToken);
            var (idleMetrics, _) = await SiloSettle.WaitAsync(client, target, settings.SettleTimeout, cancellationToken);
            var idleRss = ProcStat.Memory(target.Server.Pid).Rss;
            var (errors, first, second, later, firstRoundJit) = await SendRoundsAsync(settings, label, target, client, silo: true, cancellationToken);
            var (metrics, settled) = await SiloSettle.WaitAsync(client, target, settings.SettleTimeout, cancellationToken);
            var (rss, peak) = ProcStat.Memory(target.Server.Pid);
            return new MemoryResult(
                label,
                errors,
                first,
                second,
                later,
                idleRss,
                idleMetrics.GetValueOrDefault("dotnet_gc_heap_bytes"),
                rss,
                peak,
                metrics.GetValueOrDefault("dotnet_gc_heap_bytes"),
                metrics.GetValueOrDefault("telemetry_grain_activations"),
                metrics.GetValueOrDefault("telemetry_ingest_samples_total"),
                settled,
                firstRoundJit);
        }
    }

    /// <summary>
    /// VictoriaMetrics sent the same reports as line protocol: its first round creates every GPU's series (a series per
    /// field), the rest write to them, so its CPU per first report is what a time-series database spends creating them.
    /// </summary>
    private static async Task<MemoryResult> MeasurePeerAsync(MemorySettings settings, CancellationToken cancellationToken)
    {
        using var client = NewClient(settings);
        var target = await VictoriaMetricsLauncher.StartAsync(client, cancellationToken);
        using (target.Server)
        {
            await WarmUpAsync(settings, target, client, silo: false, cancellationToken);
            var (idleRss, _) = await ProcessSettle.WaitAsync(target.Server.Pid, settings.SettleTimeout, cancellationToken);
            var (errors, first, second, later, _) = await SendRoundsAsync(settings, VictoriaMetricsLauncher.Name, target, client, silo: false, cancellationToken);
            var (rss, settled) = await ProcessSettle.WaitAsync(target.Server.Pid, settings.SettleTimeout, cancellationToken);
            // Every report accepted unless counted as an error; the silo's column counts the same (warm-up included).
            var perReport = (double)FleetData.GpusPerNode * settings.SamplesPerReport;
            var reports = ((double)settings.Nodes * settings.Rounds) + ((double)Math.Min(settings.WarmupNodes, settings.Nodes) * WarmupRounds);
            return new MemoryResult(
                VictoriaMetricsLauncher.Name,
                errors,
                first,
                second,
                later,
                idleRss,
                double.NaN,
                rss,
                ProcStat.Memory(target.Server.Pid).Peak,
                double.NaN,
                double.NaN,
                (reports - errors) * perReport,
                settled,
                RuntimeReading.None);
        }
    }

    private static HttpClient NewClient(MemorySettings settings) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = settings.Concurrency, UseProxy = false }) { Timeout = TimeSpan.FromSeconds(60) };

    private static async Task<(long Errors, RoundCost First, RoundCost Second, RoundCost Later, RuntimeReading FirstRoundJit)> SendRoundsAsync(
        MemorySettings settings, string label, IngestTarget target, HttpClient client, bool silo, CancellationToken cancellationToken)
    {
        var pid = target.Server.Pid;
        var simulators = new Exporter.Simulation.NodeSimulator?[settings.Nodes];
        var bootIds = Enumerable.Range(0, settings.Nodes).Select(_ => Guid.NewGuid()).ToArray();
        var start = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - (long)(settings.Interval.TotalMilliseconds * (settings.Rounds - 1));
        var errors = 0L;
        RoundCost first = default, second = default, later = default;
        var firstRoundJit = RuntimeReading.None;
        for (var r = 0; r < settings.Rounds; r++)
        {
            var round = new ActivationRound(settings, target, client, simulators, bootIds, "node");
            if (r < 2)
            {
                // A mark to attach a profiler to the silo for the first or second round alone.
                await Console.Error.WriteLineAsync($"[memory] {label} round {r + 1} / {settings.Rounds} starts, silo pid {pid}");
            }

            var runtimeBefore = silo ? await RuntimeReading.ReadAsync(client, target, cancellationToken) : RuntimeReading.None;
            var cpu = ProcStat.CpuSeconds(pid);
            var took = await round.RunAsync((uint)(r + 1), start + (long)(r * settings.Interval.TotalMilliseconds), r == 0 ? settings.ActivationRate : double.PositiveInfinity, cancellationToken);
            var cpuSeconds = ProcStat.CpuSeconds(pid) - cpu;
            var runtime = (silo ? await RuntimeReading.ReadAsync(client, target, cancellationToken) : RuntimeReading.None) - runtimeBefore;
            var cost = new RoundCost(settings.Nodes, took, cpuSeconds, runtime.AllocatedBytes);
            errors += round.Errors;
            if (r == 0)
            {
                first = cost;
                firstRoundJit = runtime;
            }
            else if (r == 1)
            {
                second = cost;
            }
            else
            {
                later += cost;
            }

            if (r < 2 || (r + 1) % 60 == 0 || round.Errors > 0)
            {
                await Console.Error.WriteLineAsync(
                    $"[memory] {label} round {r + 1} / {settings.Rounds}: {cost.ReportsPerSecond:N0} reports/s, silo {cost.CpuMsPerReport:F2} CPU-ms a report, {round.Errors:N0} errors{(round.FirstError is { } e ? $"; first: {e}" : "")}");
            }
        }

        return (errors, first, second, later, firstRoundJit);
    }

    /// <summary>
    /// Warm-up nodes (other ids) report <see cref="WarmupRounds"/> times each, in <see cref="WarmupPhases"/> groups with a
    /// wait for the silo's JIT to go quiet after each: a method is only counted towards optimised code once a quiet
    /// spell has passed after its first call, so one burst of activations leaves most of the first-report path
    /// unoptimised, and its compiles would fall in the measured first round. The peer has no JIT to wait for.
    /// </summary>
    private static async Task WarmUpAsync(MemorySettings settings, IngestTarget target, HttpClient client, bool silo, CancellationToken cancellationToken)
    {
        var nodes = Math.Min(settings.WarmupNodes, settings.Nodes);
        var phases = silo ? Math.Min(WarmupPhases, nodes) : 1;
        var end = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - (long)(settings.Interval.TotalMilliseconds * settings.Rounds);
        for (var phase = 0; phase < phases; phase++)
        {
            var simulators = new Exporter.Simulation.NodeSimulator?[(nodes * (phase + 1) / phases) - (nodes * phase / phases)];
            var bootIds = simulators.Select(_ => Guid.NewGuid()).ToArray();
            for (var r = 0; r < WarmupRounds; r++)
            {
                var round = new ActivationRound(settings, target, client, simulators, bootIds, $"warmup{phase + 1}");
                await round.RunAsync((uint)(r + 1), end - (long)((WarmupRounds - 1 - r) * settings.Interval.TotalMilliseconds), double.PositiveInfinity, cancellationToken);
                if (round.Errors > 0)
                {
                    throw new BenchmarkSetupException($"the warm-up's reports were refused: {round.FirstError}");
                }
            }

            if (phases > 1)
            {
                var compiled = await JitQuiet.WaitAsync(client, target, JitQuietTimeout, cancellationToken);
                await Console.Error.WriteLineAsync($"[memory] warm-up {phase + 1} / {phases}: {simulators.Length:N0} nodes, then {compiled:N0} methods compiled until the JIT was quiet");
            }
        }
    }
}
