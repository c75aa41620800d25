using Microsoft.Extensions.Options;

namespace Telemetry.Silo.Ingest;

/// <summary>
/// Bounds the ingest bodies a silo works on at once (<c>Ingest:MaxConcurrentRequests</c>). A body beyond the
/// bound is refused at once with 429 rather than queued, so memory for bodies stays under the bound times
/// <c>Ingest:MaxBodyBytes</c> however much load is offered, and exporters retry after <c>Retry-After</c>.
/// </summary>
public sealed class IngestGate(IOptions<IngestOptions> options)
{
    private readonly int _limit = options.Value.MaxConcurrentRequests;
    private int _inFlight;
    private int _peak;

    /// <summary>Bodies being read, decoded or applied now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>The most bodies ever in flight at once; never above the limit.</summary>
    public int PeakInFlight => Volatile.Read(ref _peak);

    /// <summary>Takes a place for one body, or returns false when all are taken; each true needs one <see cref="Exit"/>.</summary>
    public bool TryEnter()
    {
        while (true)
        {
            var current = Volatile.Read(ref _inFlight);
            if (current >= _limit)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _inFlight, current + 1, current) == current)
            {
                RaisePeak(current + 1);
                return true;
            }
        }
    }

    public void Exit() => Interlocked.Decrement(ref _inFlight);

    private void RaisePeak(int value)
    {
        var peak = Volatile.Read(ref _peak);
        while (value > peak)
        {
            var seen = Interlocked.CompareExchange(ref _peak, value, peak);
            if (seen == peak)
            {
                return;
            }

            peak = seen;
        }
    }
}
