namespace Telemetry.Grains.Nodes;

/// <summary>
/// This silo's node checks that came more than a period late (<see cref="NodeMonitor.Checked"/>), and the time they
/// left out of their nodes' silence; <c>GET /metrics</c> shows both. A silo that stalled shows as many checks late at
/// once; one that cannot keep up with its load, as a steady climb. Either way its nodes are judged offline later than
/// the threshold says, by the time shown here.
/// </summary>
public sealed class NodeCheckStats
{
    private long _lateChecks;
    private long _unheardMs;

    public long LateChecks => Interlocked.Read(ref _lateChecks);

    public double UnheardSeconds => Interlocked.Read(ref _unheardMs) / 1000.0;

    public void Late(TimeSpan unheard)
    {
        Interlocked.Increment(ref _lateChecks);
        Interlocked.Add(ref _unheardMs, (long)unheard.TotalMilliseconds);
    }
}
