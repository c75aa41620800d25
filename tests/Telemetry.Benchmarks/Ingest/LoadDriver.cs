using System.Diagnostics;
using System.Globalization;
using System.Net;
using Telemetry.Benchmarks.Hosting;
using Telemetry.Exporter.Sending;
using Telemetry.Exporter.Simulation;

namespace Telemetry.Benchmarks.Ingest;

/// <summary>
/// Closed-loop load: C connections, each posting its next body as soon as the previous answer arrives, or, with a
/// rate, no sooner than its share of the rate allows (so two runs do the same work and their CPU compares).
/// Connection c owns nodes c, c + C, c + 2C, …, so a node never has two bodies in flight (WIRE.md) and
/// its seqs and timestamps only grow.
/// </summary>
/// <param name="samplesPerSecond">Samples per second to offer in all; 0 for as fast as answers come.</param>
internal sealed class LoadDriver(FleetData fleet, IngestTarget target, int concurrency, double samplesPerSecond = 0)
{
    private LoadCounters _counters = new();
    private LatencyHistogram _window = new();

    /// <summary>Runs the warm-up, then measures for <paramref name="duration"/>, printing a progress line each second.</summary>
    public async Task<LoadResult> RunAsync(TimeSpan warmup, TimeSpan duration, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = concurrency,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        fleet.ResetClocks();
        var connections = Math.Min(concurrency, fleet.NodeIds.Count);
        var clock = Stopwatch.StartNew();
        var loops = Enumerable.Range(0, connections).Select(c => Task.Run(() => LoopAsync(client, c, connections, stop.Token), CancellationToken.None)).ToList();
        loops.Add(Task.Run(() => ProgressAsync(clock, warmup, stop.Token), CancellationToken.None));
        try
        {
            await Task.Delay(warmup, cancellationToken);
            var measured = new LoadCounters();
            Volatile.Write(ref _counters, measured);
            var serverBefore = ProcStat.CpuSeconds(target.Server.Pid);
            var driverBefore = ProcStat.CpuSeconds(Environment.ProcessId);
            var start = clock.Elapsed;

            await Task.Delay(duration, cancellationToken);

            // Answers that arrive after the window are not counted.
            Volatile.Write(ref _counters, new LoadCounters());
            var seconds = (clock.Elapsed - start).TotalSeconds;
            var serverCpu = ProcStat.CpuSeconds(target.Server.Pid) - serverBefore;
            var driverCpu = ProcStat.CpuSeconds(Environment.ProcessId) - driverBefore;
            return new LoadResult(
                seconds, measured.Accepted, measured.Accepted * fleet.SamplesPerBody, measured.Bytes,
                new Dictionary<string, long>(measured.Errors), measured.FirstError,
                measured.Latency.PercentileMs(0.50), measured.Latency.PercentileMs(0.99), measured.Latency.MaxMs,
                serverCpu, driverCpu);
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(loops);
        }
    }

    private async Task LoopAsync(HttpClient client, int connection, int connections, CancellationToken cancellationToken)
    {
        var owned = ((fleet.NodeIds.Count - 1 - connection) / connections) + 1;
        var timestamps = new long[fleet.SamplesPerReport];
        var pace = samplesPerSecond > 0 ? TimeSpan.FromSeconds(fleet.SamplesPerBody * connections / samplesPerSecond) : TimeSpan.Zero;
        var started = Stopwatch.GetTimestamp();
        for (long k = 0; !cancellationToken.IsCancellationRequested; k++)
        {
            // A connection that fell behind sends back to back until it is on schedule again: the rate holds on average.
            var wait = (pace * k) - Stopwatch.GetElapsedTime(started);
            if (wait > TimeSpan.Zero && !await DelayAsync(wait, cancellationToken))
            {
                return;
            }

            var node = connection + (int)(k % owned * connections);
            var pass = k / owned;
            var body = fleet.Body(target.Format, node, pass);
            fleet.Clocks[node].Next(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), FleetData.IntervalMs, timestamps);
            body.Stamp((uint)(pass + 1), timestamps);
            if (!await SendAsync(client, body.Bytes, cancellationToken))
            {
                return;
            }
        }
    }

    /// <returns>False once the run is over.</returns>
    private static async Task<bool> DelayAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(wait, cancellationToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <returns>False once the run is over.</returns>
    private async Task<bool> SendAsync(HttpClient client, byte[] body, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", target.ContentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, target.WriteUri) { Content = content };
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var latency = Stopwatch.GetElapsedTime(started);
            Volatile.Read(ref _window).Record(latency);
            var counters = Volatile.Read(ref _counters);
            if (response.IsSuccessStatusCode)
            {
                counters.Accept(body.Length, latency);
            }
            else
            {
                var answer = counters.FirstError is null ? await response.Content.ReadAsStringAsync(cancellationToken) : "";
                counters.Fail(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), answer, latency);
            }

            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Volatile.Read(ref _counters).Fail(e is HttpRequestException h ? h.HttpRequestError.ToString() : "timeout", e.Message);

            // A refused connection fails at once; do not spin on it.
            await Task.Delay(10, CancellationToken.None);
            return true;
        }
    }

    private async Task ProgressAsync(Stopwatch clock, TimeSpan warmup, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        var counters = Volatile.Read(ref _counters);
        long lastAccepted = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var window = Interlocked.Exchange(ref _window, new LatencyHistogram());
                var current = Volatile.Read(ref _counters);
                if (!ReferenceEquals(current, counters))
                {
                    (counters, lastAccepted) = (current, 0);
                }

                var accepted = counters.Accepted;
                var phase = clock.Elapsed < warmup ? "warm-up" : "measure";
                await Console.Error.WriteLineAsync(
                    $"[{target.Server.Name}] {phase} {clock.Elapsed.TotalSeconds,4:F0} s  {(accepted - lastAccepted) * fleet.SamplesPerBody,10:N0} samples/s  " +
                    $"errors {counters.ErrorCount:N0}  p50 {window.PercentileMs(0.5):F1} ms  p99 {window.PercentileMs(0.99):F1} ms");
                lastAccepted = accepted;
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }
}
