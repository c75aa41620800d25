namespace Telemetry.Exporter.Sending;

/// <summary>One spooled body: where it lies on disk and what it is. Mutable state is guarded by the spool's lock.</summary>
public sealed class SpoolEntry(long sequence, string nodeId, SpoolSegment segment, long bodyOffset, int bodyLength, bool gzip, int samples, long spooledAtMs)
{
    /// <summary>Order of arrival over the whole spool; the drainer sends the lowest ready one first.</summary>
    public long Sequence => sequence;

    public string NodeId => nodeId;

    public SpoolSegment Segment => segment;

    public long BodyOffset => bodyOffset;

    public int BodyLength => bodyLength;

    public bool Gzip => gzip;

    /// <summary>GPU samples in the body, for the accepted-samples counter.</summary>
    public int Samples => samples;

    public long SpooledAtMs => spooledAtMs;

    /// <summary>Delivered, rejected or dropped: no longer part of the backlog.</summary>
    public bool Settled { get; set; }

    /// <summary>Dropped to keep the spool within its bound.</summary>
    public bool Dropped { get; set; }
}
