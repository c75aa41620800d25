
namespace Telemetry.Exporter.Sending;

/// <summary>
/// Sends a node's reports when a spool is on: straight to the servers while the node has nothing spooled, into the
/// spool behind its older bodies otherwise. A body that a round over every server could not deliver goes to the
/// spool, and so does one still in flight when the node's next report is due, so no report time is ever skipped
/// and a node's reports reach the servers in seq order.
/// </summary>
public sealed class SpoolingDispatcher(ReportSpool spool, IngestSender sender, SendCounters counters)
{
    /// <summary>Routes the report <paramref name="encode"/> makes (<paramref name="samples"/> GPU samples); called at the node's report time.</summary>
    public void Fire(SendLane lane, int samples, Func<SendRequest> encode, CancellationToken ct)
    {
        var nodeId = lane.NodeId;
        DirectSend? handedOver = null;
        lock (lane.Gate)
        {
            if (lane.Direct is { } direct)
            {
                // Still in flight at the next report time: the spool takes it, so it stays ahead of the new one.
                Spool(nodeId, direct.Request, direct.Samples);
                lane.Direct = null;
                handedOver = direct;
            }

            var request = encode();
            if (spool.HasBacklog(nodeId))
            {
                Spool(nodeId, request, samples);
            }
            else
            {
                var send = new DirectSend(request, samples, CancellationTokenSource.CreateLinkedTokenSource(ct));
                lane.Direct = send;
                lane.Pending = SendAsync(lane, send);
            }
        }

        if (handedOver is not null)
        {
            try
            {
                handedOver.Cancel.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The send ended meanwhile.
            }
        }
    }

    private async Task SendAsync(SendLane lane, DirectSend send)
    {
        await Task.Yield();
        var result = await sender.SendAsync(send.Request, send.Cancel.Token, sender.RoundAttempts);
        lock (lane.Gate)
        {
            if (ReferenceEquals(lane.Direct, send))
            {
                lane.Direct = null;
                lane.Server = result.Server;
                switch (result.Outcome)
                {
                    case SendOutcome.Accepted:
                        counters.RecordAccepted(send.Samples, send.Request.Body.Length);
                        break;
                    case SendOutcome.Unavailable or SendOutcome.Cancelled:
                        // Cancelled here means the run is ending: spooled, the body is sent by the next run.
                        Spool(lane.NodeId, send.Request, send.Samples);
                        break;
                }
            }
        }

        send.Cancel.Dispose();
    }

    private void Spool(string nodeId, SendRequest request, int samples)
    {
        spool.Append(nodeId, request.Body.Span, request.Gzip, samples);
        counters.RecordSpooled();
    }
}
