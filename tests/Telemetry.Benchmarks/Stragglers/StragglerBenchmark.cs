using System.Diagnostics;
using System.Globalization;
using Telemetry.Exporter.Simulation;
using Telemetry.Fields;
using Telemetry.Grains.Jobs;
using Telemetry.Wire;

namespace Telemetry.Benchmarks.Stragglers;

/// <summary>
/// Scores straggler detection without a silo: simulated nodes (the exporter's simulator, faults injected at a rate)
/// report one 10-second bucket each, the GPUs' 10-second means become job windows exactly as the GPU grain builds
/// them, and one <see cref="StragglerDetector"/> per job judges them. Detections are matched to the ground truth.
/// </summary>
internal static class StragglerBenchmark
{
    private const long BucketMs = 10_000;
    private const long GoalMs = 60_000;

    // A fixed, ordinary weekday: the daily load curve then gives every run the same demand.
    private static readonly long StartMs = new DateTimeOffset(2026, 3, 3, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    public static Task<int> RunAsync(StragglerSettings settings, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var simulation = new SimulationSettings(BucketMs, 10, 0) { StragglerRatePerGpuHour = settings.StragglerRatePerGpuHour };
        var nodes = Enumerable.Range(1, settings.Nodes)
            .Select(n => new NodeSimulator($"dc1/node-{n:D5}", GpuModelSpec.B200, 8, simulation, (ulong)settings.Seed, (ulong)settings.Seed * 7919, $"boot-{n}"))
            .ToArray();
        var tracks = new Dictionary<string, GpuTrack>(StringComparer.Ordinal);
        var jobs = new Dictionary<string, StragglerDetector>(StringComparer.Ordinal);
        var found = new List<(string Uuid, string JobId, long AtMs)>();
        var options = new StragglerOptions();
        var buckets = (long)(settings.Hours * 3600_000 / BucketMs);
        long samples = 0;
        long jobWindows = 0;
        for (var b = 0L; b < buckets; b++)
        {
            ct.ThrowIfCancellationRequested();
            var bucketStart = StartMs + (b * BucketMs);
            foreach (var node in nodes)
            {
                // Samples at the bucket's start … start + 9 s: one report is one whole bucket.
                var report = node.Generate(bucketStart + BucketMs - 1_000);
                foreach (var gpu in report.Gpus)
                {
                    samples += gpu.SampleCount;
                    jobWindows += Feed(report.NodeId, gpu, bucketStart / BucketMs, tracks, jobs, options, found);
                }
            }
        }

        var truth = nodes.SelectMany(n => n.Stragglers()).ToArray();
        var score = Score(truth, found, jobWindows, StartMs + (buckets * BucketMs));
        Print(settings, score, truth, samples, clock.Elapsed);
        return Task.FromResult(0);
    }

    private static int Feed(string nodeId, GpuSamples gpu, long bucket, Dictionary<string, GpuTrack> tracks, Dictionary<string, StragglerDetector> jobs, StragglerOptions options, List<(string, string, long)> found)
    {
        if (!tracks.TryGetValue(gpu.Uuid, out var track))
        {
            tracks[gpu.Uuid] = track = new GpuTrack();
        }

        if (track.JobId is { } previous && previous != gpu.JobId && jobs.TryGetValue(previous, out var left))
        {
            left.Leave(gpu.Uuid);
            if (left.Count == 0)
            {
                jobs.Remove(previous);
            }
        }

        track.JobId = gpu.JobId;
        if (gpu.JobId is not { } jobId)
        {
            return 0;
        }

        long bits = 0;
        Array.Clear(track.Means);
        for (var s = 0; s < gpu.SampleCount; s++)
        {
            for (var f = 1; f <= FieldCatalog.Count; f++)
            {
                track.Means[f - 1] += gpu.Value(s, f) / gpu.SampleCount;
            }

            bits |= (long)gpu.Value(s, FieldCatalog.ClockEventReasons);
        }

        if (!jobs.TryGetValue(jobId, out var detector))
        {
            jobs[jobId] = detector = new StragglerDetector(options);
        }

        foreach (var finding in detector.Add(JobWindows.From(gpu.Uuid, nodeId, bucket, track.Means, bits)))
        {
            if (finding.Kind == FindingKind.Became)
            {
                found.Add((finding.Uuid, jobId, finding.WindowEndMs));
            }
        }

        return 1;
    }

    private static DetectionScore Score(InjectedStraggler[] truth, List<(string Uuid, string JobId, long AtMs)> found, long jobWindows, long endMs)
    {
        var byGpu = truth.ToLookup(t => (t.Uuid, t.JobId));
        var latencies = new List<double>();
        int eligible = 0, inTime = 0, late = 0;
        var byKind = Enum.GetValues<StragglerKind>().ToDictionary(k => k, _ => (Injected: 0, InTime: 0));
        foreach (var fault in truth)
        {
            var lastMs = Math.Min(fault.EndMs, endMs);
            if (lastMs - fault.StartMs < GoalMs)
            {
                continue;
            }

            eligible++;
            byKind[fault.Kind] = (byKind[fault.Kind].Injected + 1, byKind[fault.Kind].InTime);
            var first = found.Where(f => f.Uuid == fault.Uuid && f.JobId == fault.JobId && f.AtMs >= fault.StartMs).Select(f => f.AtMs).DefaultIfEmpty(long.MaxValue).Min();
            if (first == long.MaxValue)
            {
                continue;
            }

            latencies.Add((first - fault.StartMs) / 1000.0);
            if (first - fault.StartMs <= GoalMs)
            {
                inTime++;
                byKind[fault.Kind] = (byKind[fault.Kind].Injected, byKind[fault.Kind].InTime + 1);
            }
            else
            {
                late++;
            }
        }

        // A detection is false when the GPU had no fault in that job at the time (a window's end may trail the fault's by one bucket).
        var falses = found.Count(f => !byGpu[(f.Uuid, f.JobId)].Any(t => f.AtMs >= t.StartMs && f.AtMs <= Math.Min(t.EndMs, endMs) + (2 * BucketMs)));
        var faultyMs = truth.Sum(t => (double)(Math.Min(t.EndMs, endMs) - t.StartMs));
        var healthyHours = ((jobWindows * BucketMs) - faultyMs) / 3600_000;
        return new DetectionScore(eligible, inTime, late, [.. latencies.Order()], falses, healthyHours, byKind);
    }

    private static void Print(StragglerSettings settings, DetectionScore score, InjectedStraggler[] truth, long samples, TimeSpan elapsed)
    {
        var c = CultureInfo.InvariantCulture;
        var latencies = score.LatenciesSeconds;
        string Pct(double share) => double.IsNaN(share) ? "n/a" : share.ToString("P1", c);
        string At(double q) => latencies.Length == 0 ? "n/a" : latencies[Math.Min(latencies.Length - 1, (int)(q * latencies.Length))].ToString("F0", c) + " s";
        Console.WriteLine($"# Straggler detection — {settings.Nodes} nodes × 8 GPUs, {settings.Hours.ToString("F1", c)} h of sample time, {settings.StragglerRatePerGpuHour.ToString(c)} faults per GPU-hour, seed {settings.Seed}");
        Console.WriteLine($"command: {settings.CommandLine}");
        Console.WriteLine($"simulated {samples.ToString("N0", c)} samples in {elapsed.TotalSeconds.ToString("F1", c)} s");
        Console.WriteLine($"faults injected: {truth.Length} ({string.Join(", ", truth.GroupBy(t => t.Kind).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"))}); lasting ≥ 60 s: {score.Injected}");
        Console.WriteLine();
        Console.WriteLine("| measure | value | goal |");
        Console.WriteLine("| --- | --- | --- |");
        Console.WriteLine($"| detected within 60 s | {score.DetectedInTime} of {score.Injected} ({Pct(score.DetectedShare)}) | ≥ 95 % {(score.DetectedShare >= 0.95 ? "met" : "NOT met")} |");
        Console.WriteLine($"| detected later | {score.DetectedLate} | |");
        Console.WriteLine($"| detection latency p50 / p95 / max | {At(0.5)} / {At(0.95)} / {At(1)} | |");
        Console.WriteLine($"| false stragglers | {score.FalseStragglers} in {score.HealthyGpuHours.ToString("N0", c)} healthy GPU-hours ({score.FalsePerTenThousandGpuHours.ToString("F2", c)} per 10,000) | ≤ 1 per 10,000 {(score.FalsePerTenThousandGpuHours <= 1 ? "met" : "NOT met")} |");
        foreach (var (kind, (injected, inTime)) in score.ByKind)
        {
            Console.WriteLine($"| {kind} within 60 s | {inTime} of {injected} | |");
        }
    }
}
