using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using Telemetry.Benchmarks.Hosting;
using Telemetry.Benchmarks.Ingest;
using Telemetry.Exporter.Simulation;
using Telemetry.Wire;

namespace Telemetry.Benchmarks.Memory;

/// <summary>
/// Sends one report per node at a bounded rate and concurrency. Each node keeps its simulator from round to
/// round, so its values move as a real GPU's do and its history fills with realistic data; reports are encoded
/// as they are sent, since a national fleet's worth of bodies would not fit in the benchmark's own memory.
/// </summary>
/// <param name="settings">The run's settings.</param>
/// <param name="target">The silo.</param>
/// <param name="client">Sends the reports.</param>
/// <param name="simulators">One per node, made on its first report.</param>
/// <param name="bootIds">Each node's exporter boot id.</param>
/// <param name="prefix">What the node ids start with, after the data center: "node" for measured nodes, "warmup" for the warm-up's.</param>
internal sealed class ActivationRound(MemorySettings settings, IngestTarget target, HttpClient client, NodeSimulator?[] simulators, Guid[] bootIds, string prefix)
{
    private long _sent;
    private long _errors;
    private string? _firstError;

    public long Errors => Interlocked.Read(ref _errors);

    public string? FirstError => _firstError;

    /// <summary>
    /// Sends report number <paramref name="seq"/> of every node, its newest sample at <paramref name="sampleTimeMs"/>,
    /// at most <paramref name="rate"/> reports per second; returns how long it took.
    /// </summary>
    public async Task<TimeSpan> RunAsync(uint seq, long sampleTimeMs, double rate, CancellationToken cancellationToken)
    {
        using var slots = new SemaphoreSlim(settings.Concurrency);
        using var progressStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var clock = Stopwatch.StartNew();
        var progress = ProgressAsync(seq, clock, progressStop.Token);
        var pending = new List<Task>(settings.Concurrency * 2);
        for (var n = 0; n < simulators.Length; n++)
        {
            var due = TimeSpan.FromSeconds(n / rate);
            if (due - clock.Elapsed > TimeSpan.FromMilliseconds(5))
            {
                await Task.Delay(due - clock.Elapsed, cancellationToken);
            }

            await slots.WaitAsync(cancellationToken);
            var node = n;
            pending.Add(Task.Run(async () =>
            {
                try
                {
                    await SendAsync(node, seq, sampleTimeMs, cancellationToken);
                }
                finally
                {
                    slots.Release();
                }
            }, cancellationToken));
            pending.RemoveAll(t => t.IsCompleted);
        }

        await Task.WhenAll(pending);
        var elapsed = clock.Elapsed;
        await progressStop.CancelAsync();
        await progress;
        return elapsed;
    }

    private async Task SendAsync(int node, uint seq, long sampleTimeMs, CancellationToken cancellationToken)
    {
        var simulator = simulators[node] ??= new NodeSimulator(
            $"dc{(node % 4) + 1}/{prefix}-{(node / 4) + 1:D5}",
            GpuModelSpec.B200,
            FleetData.GpusPerNode,
            new SimulationSettings(settings.Interval.TotalMilliseconds, settings.SamplesPerReport, new SimulatorOptions().XidRatePerGpuHour),
            identitySeed: 1,
            signalSeed: 42 + (ulong)node,
            bootIds[node].ToString());
        var report = simulator.Generate(sampleTimeMs) with { Seq = seq };
        using var content = new ReadOnlyMemoryContent(Encode(report));
        content.Headers.TryAddWithoutValidation("Content-Type", target.ContentType);
        try
        {
            using var response = await client.PostAsync(target.WriteUri, content, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                Fail(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), await response.Content.ReadAsStringAsync(cancellationToken));
            }
        }
        catch (HttpRequestException e)
        {
            Fail(e.HttpRequestError.ToString(), e.Message);
        }

        Interlocked.Increment(ref _sent);
    }

    private ReadOnlyMemory<byte> Encode(NodeReport report)
    {
        if (target.Format == BodyFormat.LineProtocol)
        {
            return LineProtocol.Create(report).Bytes;
        }

        var body = new ArrayBufferWriter<byte>(16 * 1024);
        NodeReportWriter.Write(body, report, singlePrecision: true);
        return body.WrittenMemory;
    }

    private void Fail(string kind, string detail)
    {
        Interlocked.Increment(ref _errors);
        Interlocked.CompareExchange(ref _firstError, $"{kind}: {detail}", null);
    }

    private async Task ProgressAsync(uint seq, Stopwatch clock, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        long last = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var sent = Interlocked.Read(ref _sent);
                var (rss, _) = ProcStat.Memory(target.Server.Pid);
                await Console.Error.WriteLineAsync(
                    $"[memory] round {seq} {clock.Elapsed.TotalSeconds,4:F0} s  {sent:N0} / {simulators.Length:N0} nodes  {(sent - last) / 5.0:N0} reports/s  errors {Errors:N0}  silo RSS {rss / 1048576.0:N0} MiB");
                last = sent;
            }
        }
        catch (OperationCanceledException)
        {
            // The round is over.
        }
    }
}
