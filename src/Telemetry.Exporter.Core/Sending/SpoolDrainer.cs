
namespace Telemetry.Exporter.Sending;

/// <summary>
/// Sends spooled bodies oldest first, one per node at a time, several nodes in parallel. When a body finds every
/// server down it goes back to the head of its node's line and the drainer backs off (jittered, doubling up to the
/// retry cap), then probes with one body at a time until a server answers again.
/// </summary>
public sealed class SpoolDrainer(
    ReportSpool spool,
    IngestSender sender,
    RetryPolicy retry,
    SendCounters counters,
    int parallel,
    TimeProvider time)
{
    private int _failures;
    private int _server;

    /// <summary>Runs until <paramref name="ct"/> is cancelled, then waits for the bodies it has in flight.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var active = new List<Task>();
        try
        {
            while (!ct.IsCancellationRequested)
            {
                active.RemoveAll(t => t.IsCompleted);
                var limit = Volatile.Read(ref _failures) > 0 ? 1 : parallel;
                var changed = spool.Changed;
                if (active.Count < limit && spool.TryTake(out var entry, out var body))
                {
                    active.Add(SendAsync(entry, body, ct));
                    continue;
                }

                await Task.WhenAny([changed, .. active]).WaitAsync(ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The run is over; what is left stays on disk for the next one.
        }

        await Task.WhenAll(active);
    }

    private async Task SendAsync(SpoolEntry entry, byte[] body, CancellationToken ct)
    {
        await Task.Yield();
        var request = new SendRequest(body, entry.Gzip, Volatile.Read(ref _server));
        var result = await sender.SendAsync(request, ct, sender.RoundAttempts);
        Volatile.Write(ref _server, result.Server);
        switch (result.Outcome)
        {
            case SendOutcome.Accepted:
                Volatile.Write(ref _failures, 0);
                counters.RecordAccepted(entry.Samples, body.Length);
                spool.Complete(entry);
                break;
            case SendOutcome.Rejected:
                // A 4xx: the sender counted the rejection; retrying the same bytes cannot help.
                Volatile.Write(ref _failures, 0);
                spool.Complete(entry);
                break;
            case SendOutcome.Unavailable:
                spool.Release(entry);
                var failures = Interlocked.Increment(ref _failures);
                try
                {
                    await Task.Delay(retry.DelayAfter(failures), time, ct);
                }
                catch (OperationCanceledException)
                {
                    // Stopping.
                }

                break;
            default:
                spool.Release(entry);
                break;
        }
    }
}
