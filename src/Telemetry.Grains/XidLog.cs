using Telemetry.State;

namespace Telemetry.Grains;

/// <summary>The last <see cref="Capacity"/> XID events of a GPU, as a ring.</summary>
public sealed class XidLog
{
    /// <summary>Events kept per GPU.</summary>
    public const int Capacity = 100;

    // Most GPUs never raise an XID: the ring exists from the first one on.
    private XidEvent[]? _events;
    private int _next;
    private int _count;

    /// <summary>Records each code as an event at <paramref name="at"/>.</summary>
    public void Add(DateTimeOffset at, ReadOnlySpan<int> codes)
    {
        foreach (var code in codes)
        {
            _events ??= new XidEvent[Capacity];
            _events[_next] = new XidEvent(at, code);
            _next = (_next + 1) % Capacity;
            _count = Math.Min(_count + 1, Capacity);
        }
    }

    /// <summary>The kept events, newest first.</summary>
    public XidEvent[] NewestFirst()
    {
        var result = new XidEvent[_count];
        for (var i = 0; i < _count; i++)
        {
            result[i] = _events![(_next - 1 - i + Capacity) % Capacity];
        }

        return result;
    }
}
