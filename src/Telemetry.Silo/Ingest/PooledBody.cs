using System.Buffers;

namespace Telemetry.Silo.Ingest;

/// <summary>A request body read into a buffer rented from the shared pool; dispose to return it.</summary>
public sealed class PooledBody : IDisposable
{
    private byte[] _buffer;

    public PooledBody(int initialCapacity) => _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 4096));

    public int Length { get; private set; }

    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(0, Length);

    /// <summary>Space to read the next chunk into, growing the buffer (up to <paramref name="limit"/> + 1 bytes) when full.</summary>
    public Memory<byte> FreeSpace(long limit)
    {
        if (Length == _buffer.Length)
        {
            var size = (int)Math.Min((long)_buffer.Length * 2, limit + 1);
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(size, Length + 1));
            _buffer.AsSpan(0, Length).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }

        return _buffer.AsMemory(Length);
    }

    public void Advance(int count) => Length += count;

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        Length = 0;
    }
}
