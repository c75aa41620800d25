using System.Buffers;
using System.IO.Compression;
using Telemetry.Exporter.Sending;
using Telemetry.Exporter.Sources;
using Telemetry.Wire;

namespace Telemetry.Exporter.Running;

/// <summary>
/// The <c>run</c> command's loop: reads the source <see cref="ExporterSettings.SampleHz"/> times a second and sends
/// a report every <see cref="ExporterSettings.ReportEvery"/>, through the same sender, failover and spool as the
/// simulator. On stop it sends what it has collected and waits briefly for it; what is still undelivered then
/// stays in the spool for the next run.
/// </summary>
public sealed class NodeExporter(ExporterSettings settings, IGpuSource source, TextWriter log, TimeProvider? timeProvider = null, HttpMessageHandler? handler = null)
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(3);
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly SendCounters _counters = new();
    private readonly ReportBuilder _builder = new(settings.NodeId, Guid.NewGuid().ToString(), HostBoot.Read());
    private readonly SendLane _lane = new(settings.NodeId, 0);
    private SpoolBacklog? _backlog;
    private string? _lastSourceError;
    private long _startedAt;

    /// <summary>Counters so far: reports accepted and rejected, retries, spooled, XIDs seen.</summary>
    public SendStats GetStats() =>
        _counters.Snapshot(_startedAt == 0 ? TimeSpan.Zero : _time.GetElapsedTime(_startedAt), 1, _backlog, _time.GetUtcNow());

    /// <summary>Runs until the duration ends or <paramref name="ct"/> is cancelled; the source must be started.</summary>
    /// <exception cref="IOException">The spool directory cannot be used (e.g. another exporter holds it).</exception>
    public async Task<SendStats> RunAsync(CancellationToken ct)
    {
        using var http = handler is null
            ? new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5), UseProxy = false, UseCookies = false }) { Timeout = TimeSpan.FromSeconds(30) }
            : new HttpClient(handler, disposeHandler: false) { Timeout = TimeSpan.FromSeconds(30) };
        using var gate = new SemaphoreSlim(2);
        using var sending = new CancellationTokenSource();
        var retry = new RetryPolicy(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5));
        var sender = new IngestSender(http, [.. settings.Servers.Select(IngestEndpoints.Resolve)], settings.Token, retry, gate, _counters, _time);
        using var spool = settings.SpoolDirectory is { } directory
            ? ReportSpool.Open(new ReportSpoolOptions(directory, settings.SpoolMaxBytes), _time)
            : null;
        var dispatcher = new LaneDispatcher(sender, spool is null ? null : new SpoolingDispatcher(spool, sender, _counters), _counters);
        var draining = spool is null
            ? Task.CompletedTask
            : new SpoolDrainer(spool, sender, retry, _counters, 1, _time).RunAsync(sending.Token);

        _startedAt = _time.GetTimestamp();
        try
        {
            await SampleLoopAsync(dispatcher, sending.Token, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopped (Ctrl-C, systemd): send what was collected.
        }

        Report(dispatcher, sending.Token);
        await DrainAsync(spool, sending);
        await draining;
        _backlog = spool?.Snapshot();
        return GetStats();
    }

    private async Task SampleLoopAsync(LaneDispatcher dispatcher, CancellationToken sending, CancellationToken ct)
    {
        var frequency = _time.TimestampFrequency;
        var reportTicks = (long)(settings.ReportEvery.TotalSeconds * frequency);
        var end = settings.Duration > TimeSpan.Zero ? _startedAt + (long)(settings.Duration.TotalSeconds * frequency) : long.MaxValue;
        var nextReport = _startedAt + reportTicks;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1 / settings.SampleHz), _time);
        do
        {
            await SampleAsync(ct);
            var now = _time.GetTimestamp();
            if (now >= nextReport)
            {
                Report(dispatcher, sending);
                nextReport += reportTicks * Math.Max(1, ((now - nextReport) / reportTicks) + 1);
            }

            if (now >= end)
            {
                return;
            }
        }
        while (await timer.WaitForNextTickAsync(ct));
    }

    private async Task SampleAsync(CancellationToken ct)
    {
        try
        {
            var readings = await source.ReadAsync(ct);
            _builder.Add(_time.GetUtcNow().ToUnixTimeMilliseconds(), readings);
            if (_lastSourceError is not null)
            {
                await log.WriteLineAsync("run: the source reads again.");
                _lastSourceError = null;
            }
        }
        catch (GpuSourceException e)
        {
            // A failed read loses one sample, not the exporter; the same failure is said once, not every sample.
            _counters.RecordError("source");
            if (e.Message != _lastSourceError)
            {
                _lastSourceError = e.Message;
                await log.WriteLineAsync($"run: {e.Message}");
            }
        }
    }

    private void Report(LaneDispatcher dispatcher, CancellationToken sending)
    {
        var samples = _builder.SampleCount;
        _counters.RecordXids(_builder.XidCount);
        if (_builder.Build() is not { } report)
        {
            return;
        }

        dispatcher.Fire(_lane, samples, () => Encode(report), sending);
    }

    private SendRequest Encode(NodeReport report)
    {
        // A report every few seconds: fresh buffers cost nothing and can never be read by a send still in flight.
        var body = new ArrayBufferWriter<byte>(4096);
        NodeReportWriter.Write(body, report);
        if (!settings.Gzip)
        {
            return new SendRequest(body.WrittenMemory, Gzip: false, _lane.Server);
        }

        var compressed = new ArrayBufferWriter<byte>(body.WrittenCount / 2);
        using (var zip = new GZipStream(new BufferWriterStream(compressed), CompressionLevel.Fastest))
        {
            zip.Write(body.WrittenSpan);
        }

        return new SendRequest(compressed.WrittenMemory, Gzip: true, _lane.Server);
    }

    private async Task DrainAsync(ReportSpool? spool, CancellationTokenSource sending)
    {
        var deadline = Task.Delay(DrainTimeout, _time);
        if (_lane.Pending is { } pending)
        {
            await Task.WhenAny(pending, deadline);
        }

        while (spool is not null && !deadline.IsCompleted && spool.Snapshot().Bodies > 0)
        {
            await Task.WhenAny(spool.Changed, deadline);
        }

        await sending.CancelAsync();
        if (_lane.Pending is { } last)
        {
            await last;
        }
    }
}
