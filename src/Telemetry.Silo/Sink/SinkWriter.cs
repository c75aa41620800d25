using System.Text;
using System.Threading.Channels;
using Telemetry.Exporter.Sending;

namespace Telemetry.Silo.Sink;

/// <summary>
/// The sink's one writer per silo: takes batches of up to <see cref="InfluxOptions.BatchSize"/> points from the
/// queue, writes each with retries (exponential back-off with jitter), and when InfluxDB stays unreachable puts
/// the batch in the on-disk spool. While the spool holds anything, new batches go behind it, and the spool is
/// replayed oldest first whenever InfluxDB answers again: points arrive in the order they were queued, once each.
/// </summary>
internal sealed partial class SinkWriter(
    ChannelReader<string> points,
    IBatchWriter writer,
    ReportSpool spool,
    InfluxOptions options,
    SinkMetrics metrics,
    TimeProvider time,
    ILogger<SinkWriter> logger) : BackgroundService
{
    // The spool is the exporter's, keyed by lane; the sink has one lane, so its order is the order of append.
    private const string Lane = "influx";

    private readonly RetryPolicy _backoff = new(options.RetryDelay, options.MaxRetryDelay);
    private readonly List<string> _batch = new(options.BatchSize);
    private int _failures;
    private DateTimeOffset _nextProbe = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        LogSinkOn(options);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var open = await CollectAsync(stoppingToken).ConfigureAwait(false);
                if (_batch.Count > 0)
                {
                    await DeliverAsync(stoppingToken).ConfigureAwait(false);
                }

                await ReplayAsync(stoppingToken).ConfigureAwait(false);
                if (!open && _batch.Count == 0 && !spool.HasBacklog(Lane))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        // Stopping: what is still in memory goes to disk, for the next start to send.
        while (points.TryRead(out var line))
        {
            _batch.Add(line);
        }

        if (_batch.Count > 0)
        {
            Spool();
        }
    }

    /// <summary>Fills the batch until it is full or <see cref="InfluxOptions.FlushInterval"/> has passed; false once the queue is completed and empty.</summary>
    private async Task<bool> CollectAsync(CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + options.FlushInterval;
        while (_batch.Count < options.BatchSize)
        {
            while (_batch.Count < options.BatchSize && points.TryRead(out var line))
            {
                _batch.Add(line);
            }

            var left = deadline - time.GetUtcNow();
            if (_batch.Count >= options.BatchSize || left <= TimeSpan.Zero)
            {
                return true;
            }

            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(left);
            try
            {
                if (!await points.WaitToReadAsync(wait.Token).ConfigureAwait(false))
                {
                    return false;
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return true;
            }
        }

        return true;
    }

    private async Task DeliverAsync(CancellationToken cancellationToken)
    {
        if (spool.HasBacklog(Lane))
        {
            // Behind what is already waiting, to keep the order.
            Spool();
            return;
        }

        var body = string.Join('\n', _batch);
        for (var attempt = 1; attempt <= options.MaxAttempts; attempt++)
        {
            switch (await writer.WriteAsync(body, cancellationToken).ConfigureAwait(false))
            {
                case WriteOutcome.Written:
                    metrics.AddWritten(_batch.Count);
                    Recovered();
                    _batch.Clear();
                    return;
                case WriteOutcome.Rejected:
                    metrics.AddDroppedRejected(_batch.Count);
                    _batch.Clear();
                    return;
                default:
                    if (attempt < options.MaxAttempts)
                    {
                        metrics.AddRetried(_batch.Count);
                        await Task.Delay(_backoff.DelayAfter(attempt), time, cancellationToken).ConfigureAwait(false);
                    }

                    break;
            }
        }

        _failures = Math.Max(_failures, 1);
        _nextProbe = time.GetUtcNow() + _backoff.DelayAfter(_failures);
        Spool();
    }

    /// <summary>Sends the spool's batches, oldest first, until it is empty or a write fails (then waits a back-off before the next try).</summary>
    private async Task ReplayAsync(CancellationToken cancellationToken)
    {
        if (time.GetUtcNow() < _nextProbe)
        {
            return;
        }

        while (spool.TryTake(out var entry, out var body))
        {
            var outcome = await writer.WriteAsync(Encoding.UTF8.GetString(body), cancellationToken).ConfigureAwait(false);
            if (outcome == WriteOutcome.Retryable)
            {
                spool.Release(entry);
                _failures++;
                _nextProbe = time.GetUtcNow() + _backoff.DelayAfter(_failures);
                return;
            }

            spool.Complete(entry);
            if (outcome == WriteOutcome.Written)
            {
                metrics.AddWritten(entry.Samples);
                metrics.AddReplayed(entry.Samples);
                Recovered();
            }
            else
            {
                metrics.AddDroppedRejected(entry.Samples);
            }
        }
    }

    private void Spool()
    {
        var body = Encoding.UTF8.GetBytes(string.Join('\n', _batch));
        spool.Append(Lane, body, gzip: false, _batch.Count);
        metrics.AddSpooled(_batch.Count);
        if (_failures == 1 && spool.Snapshot().Bodies == 1)
        {
            LogSpooling(options.Url);
        }

        _batch.Clear();
    }

    private void Recovered()
    {
        if (_failures > 0)
        {
            LogReachable(options.Url);
        }

        _failures = 0;
        _nextProbe = DateTimeOffset.MinValue;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "InfluxDB sink on: {Settings}")]
    private partial void LogSinkOn(InfluxOptions settings);

    [LoggerMessage(Level = LogLevel.Warning, Message = "InfluxDB at {Url} is unreachable: batches go to the on-disk spool until it answers")]
    private partial void LogSpooling(string? url);

    [LoggerMessage(Level = LogLevel.Information, Message = "InfluxDB at {Url} answers again")]
    private partial void LogReachable(string? url);
}
