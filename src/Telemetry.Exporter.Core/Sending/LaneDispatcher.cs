
namespace Telemetry.Exporter.Sending;

/// <summary>
/// Sends a node's report at its report time. With a spool, <see cref="SpoolingDispatcher"/> decides between the
/// servers and the spool; without one, a report time whose node is still sending its previous body is skipped
/// (WIRE.md: one body per node in flight), not queued.
/// </summary>
public sealed class LaneDispatcher(IngestSender sender, SpoolingDispatcher? spooling, SendCounters counters)
{
    /// <summary>Sends (or spools, or skips) the report <paramref name="encode"/> makes, of <paramref name="samples"/> GPU samples.</summary>
    public void Fire(SendLane lane, int samples, Func<SendRequest> encode, CancellationToken ct)
    {
        if (spooling is not null)
        {
            spooling.Fire(lane, samples, encode, ct);
            return;
        }

        if (lane.IsBusy)
        {
            counters.RecordSkipped();
            return;
        }

        lane.Pending = SendAsync(lane, encode(), samples, ct);
    }

    private async Task SendAsync(SendLane lane, SendRequest request, int samples, CancellationToken ct)
    {
        // The send starts on the caller's loop: its synchronous part is a write to a kept-alive socket, cheaper than
        // the thread-pool hop (and the idle worker woken for it) that leaving at once cost every report.
        var result = await sender.SendAsync(request, ct);
        lane.Server = result.Server;
        if (result.Outcome == SendOutcome.Accepted)
        {
            counters.RecordAccepted(samples, request.Body.Length);
        }
    }
}
