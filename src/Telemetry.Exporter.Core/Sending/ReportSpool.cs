using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace Telemetry.Exporter.Sending;

/// <summary>
/// A bounded, append-only on-disk queue of encoded bodies, kept per node so that a node's bodies leave in the
/// order they came, and across nodes oldest first. Bodies are written to segment files without an fsync each
/// (a segment is fsynced when it is closed), so a crash can lose the last moments and leave a torn tail record,
/// which the next start detects by its CRC and drops. Delivery is not recorded on disk: a restart replays each
/// remaining segment whole, and the server answers its already-delivered bodies as duplicates. When the files outgrow the bound, the oldest segment is
/// dropped and its bodies counted. One process uses a directory at a time. Thread-safe.
/// </summary>
public sealed partial class ReportSpool : IDisposable
{
    private const string LockFileName = "spool.lock";
    private readonly Lock _lock = new();
    private readonly List<SpoolSegment> _segments = [];
    private readonly Dictionary<string, Queue<SpoolEntry>> _nodes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _busy = new(StringComparer.Ordinal);
    private readonly SortedSet<SpoolEntry> _ready = new(Comparer<SpoolEntry>.Create((a, b) => a.Sequence.CompareTo(b.Sequence)));
    private readonly string _directory;
    private readonly long _maxBytes;
    private readonly long _segmentBytes;
    private readonly TimeProvider _time;
    private readonly FileStream _lockFile;
    private TaskCompletionSource _changed = NewSignal();
    private long _nextSequence;
    private long _liveBodies;
    private long _liveBytes;
    private long _fileBytes;
    private long _dropped;
    private bool _disposed;

    private ReportSpool(ReportSpoolOptions options, TimeProvider time, FileStream lockFile)
    {
        _directory = options.Directory;
        _maxBytes = options.MaxBytes;
        _segmentBytes = Math.Max(1, Math.Min(options.SegmentBytes, options.MaxBytes / 4));
        _time = time;
        _lockFile = lockFile;
    }

    /// <summary>Completes at the next append, completion or release: the drainer's wake-up.</summary>
    public Task Changed
    {
        get
        {
            lock (_lock)
            {
                return _changed.Task;
            }
        }
    }

    /// <summary>Opens (or creates) the spool in <see cref="ReportSpoolOptions.Directory"/> and loads the bodies a previous run left.</summary>
    /// <exception cref="IOException">Another process is using the directory.</exception>
    public static ReportSpool Open(ReportSpoolOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBytes, 4096);
        Directory.CreateDirectory(options.Directory);
        FileStream lockFile;
        try
        {
            lockFile = new FileStream(Path.Combine(options.Directory, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new IOException($"The spool directory {options.Directory} is in use by another exporter; give each one its own --spool-dir.", e);
        }

        var spool = new ReportSpool(options, time ?? TimeProvider.System, lockFile);
        spool.Load();
        return spool;
    }

    /// <summary>Whether the node has bodies spooled or in flight from the spool; if so, its new bodies must be appended behind them.</summary>
    public bool HasBacklog(string nodeId)
    {
        lock (_lock)
        {
            return _nodes.ContainsKey(nodeId);
        }
    }

    /// <summary>Appends one body behind the node's earlier ones, dropping the oldest data when the bound is reached.</summary>
    public void Append(string nodeId, ReadOnlySpan<byte> body, bool gzip, int samples)
    {
        var size = SpoolRecord.SizeOf(nodeId, body.Length);
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            var bodyStart = SpoolRecord.Write(buffer.AsSpan(0, size), nodeId, body, gzip, samples, _time.GetUtcNow().ToUnixTimeMilliseconds());
            lock (_lock)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (size > _maxBytes)
                {
                    _dropped++;
                    return;
                }

                var segment = SegmentFor(size);
                RandomAccess.Write(segment.Handle, buffer.AsSpan(0, size), segment.Length);
                var entry = new SpoolEntry(_nextSequence++, nodeId, segment, segment.Length + bodyStart, body.Length, gzip, samples, _time.GetUtcNow().ToUnixTimeMilliseconds());
                segment.Length += size;
                _fileBytes += size;
                Track(entry);
                while (_fileBytes > _maxBytes && _segments.Count > 1)
                {
                    DropOldestSegment();
                }

                Signal();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Takes the oldest body whose node has nothing in flight, and reads it; the caller must <see cref="Complete"/> or <see cref="Release"/> it.</summary>
    public bool TryTake(out SpoolEntry entry, out byte[] body)
    {
        lock (_lock)
        {
            if (_disposed || _ready.Count == 0)
            {
                entry = null!;
                body = [];
                return false;
            }

            entry = _ready.Min!;
            _ready.Remove(entry);
            _busy.Add(entry.NodeId);
            body = new byte[entry.BodyLength];
            RandomAccess.Read(entry.Segment.Handle, body, entry.BodyOffset);
            return true;
        }
    }

    /// <summary>The body was accepted or rejected: it leaves the spool and the node's next body becomes ready.</summary>
    public void Complete(SpoolEntry entry)
    {
        lock (_lock)
        {
            _busy.Remove(entry.NodeId);
            Settle(entry);
            var queue = _nodes[entry.NodeId];
            queue.Dequeue();
            AdvanceHead(entry.NodeId, queue);
            Signal();
        }
    }

    /// <summary>No server took the body: it stays first in its node's line (unless the bound dropped it meanwhile).</summary>
    public void Release(SpoolEntry entry)
    {
        lock (_lock)
        {
            _busy.Remove(entry.NodeId);
            var queue = _nodes[entry.NodeId];
            if (entry.Dropped)
            {
                queue.Dequeue();
                AdvanceHead(entry.NodeId, queue);
            }
            else
            {
                _ready.Add(entry);
            }

            Signal();
        }
    }

    /// <summary>The backlog now.</summary>
    public SpoolBacklog Snapshot()
    {
        lock (_lock)
        {
            long? oldest = null;
            foreach (var segment in _segments)
            {
                var first = segment.Entries.Find(e => !e.Settled);
                if (first is not null)
                {
                    oldest = first.SpooledAtMs;
                    break;
                }
            }

            return new SpoolBacklog(_liveBodies, _liveBytes, oldest, _dropped);
        }
    }

    /// <summary>Fsyncs the open segment and closes every file; what is still spooled is sent by the next run.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_segments.Count > 0)
            {
                RandomAccess.FlushToDisk(_segments[^1].Handle);
            }

            foreach (var segment in _segments)
            {
                // A segment with nothing pending is gone for good; one with pending bodies is replayed whole next time.
                if (segment.Live == 0)
                {
                    segment.Delete();
                }
                else
                {
                    segment.Dispose();
                }
            }

            _lockFile.Dispose();
            _changed.TrySetResult();
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void Signal() => Interlocked.Exchange(ref _changed, NewSignal()).TrySetResult();

    private SpoolSegment SegmentFor(int size)
    {
        var current = _segments.Count > 0 ? _segments[^1] : null;
        if (current is not null && (current.Length == 0 || current.Length + size <= _segmentBytes))
        {
            return current;
        }

        if (current is not null)
        {
            // The only fsync: a segment is made durable when it is closed for writing, not body by body.
            RandomAccess.FlushToDisk(current.Handle);
            if (current.Live == 0)
            {
                RemoveSegment(current);
            }
        }

        var number = current is null ? 1 : current.Number + 1;
        var segment = CreateSegment(number, FileMode.CreateNew);
        _segments.Add(segment);
        return segment;
    }

    private SpoolSegment CreateSegment(long number, FileMode mode)
    {
        var path = Path.Combine(_directory, SpoolSegment.FileName(number));
        SafeFileHandle handle = File.OpenHandle(path, mode, FileAccess.ReadWrite, FileShare.Read);
        return new SpoolSegment(number, path, handle);
    }

    private void Track(SpoolEntry entry)
    {
        entry.Segment.Entries.Add(entry);
        entry.Segment.Live++;
        _liveBodies++;
        _liveBytes += entry.BodyLength;
        if (!_nodes.TryGetValue(entry.NodeId, out var queue))
        {
            queue = new Queue<SpoolEntry>();
            _nodes.Add(entry.NodeId, queue);
        }

        queue.Enqueue(entry);
        if (queue.Count == 1 && !_busy.Contains(entry.NodeId))
        {
            _ready.Add(entry);
        }
    }

    private void Settle(SpoolEntry entry)
    {
        if (entry.Settled)
        {
            return;
        }

        entry.Settled = true;
        _liveBodies--;
        _liveBytes -= entry.BodyLength;
        var segment = entry.Segment;
        segment.Live--;
        if (segment.Live == 0 && _segments.Count > 0 && segment != _segments[^1] && _segments.Contains(segment))
        {
            RemoveSegment(segment);
        }
    }

    /// <summary>Skips the node's dropped bodies; makes its next body ready, or forgets the node when none is left.</summary>
    private void AdvanceHead(string nodeId, Queue<SpoolEntry> queue)
    {
        if (_busy.Contains(nodeId))
        {
            return;
        }

        while (queue.TryPeek(out var head) && head.Dropped)
        {
            queue.Dequeue();
        }

        if (queue.Count == 0)
        {
            _nodes.Remove(nodeId);
        }
        else
        {
            _ready.Add(queue.Peek());
        }
    }

    private void DropOldestSegment()
    {
        var segment = _segments[0];
        _segments.RemoveAt(0);
        var nodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in segment.Entries.Where(e => !e.Settled))
        {
            entry.Dropped = true;
            _dropped++;
            _ready.Remove(entry);
            nodes.Add(entry.NodeId);
            Settle(entry);
        }

        _fileBytes -= segment.Length;
        segment.Delete();
        foreach (var node in nodes)
        {
            AdvanceHead(node, _nodes[node]);
        }
    }

    private void RemoveSegment(SpoolSegment segment)
    {
        _segments.Remove(segment);
        _fileBytes -= segment.Length;
        segment.Delete();
    }
}
