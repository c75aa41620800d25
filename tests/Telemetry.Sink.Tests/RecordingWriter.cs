using Telemetry.Silo.Sink;

namespace Telemetry.Sink.Tests;

/// <summary>A batch writer that keeps every line it accepted, in order, and can be told to be unreachable or to refuse.</summary>
internal sealed class RecordingWriter : IBatchWriter
{
    private readonly List<string> _lines = [];
    private int _attempts;

    /// <summary>While true, every write answers <see cref="WriteOutcome.Retryable"/>.</summary>
    public volatile bool Down;

    /// <summary>While true, every write answers <see cref="WriteOutcome.Rejected"/>.</summary>
    public volatile bool Refusing;

    public int Attempts => Volatile.Read(ref _attempts);

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public Task<WriteOutcome> WriteAsync(string lines, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _attempts);
        if (Down)
        {
            return Task.FromResult(WriteOutcome.Retryable);
        }

        if (Refusing)
        {
            return Task.FromResult(WriteOutcome.Rejected);
        }

        lock (_lines)
        {
            _lines.AddRange(lines.Split('\n'));
        }

        return Task.FromResult(WriteOutcome.Written);
    }
}
