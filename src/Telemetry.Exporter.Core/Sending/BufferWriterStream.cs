using System.Buffers;

namespace Telemetry.Exporter.Sending;

/// <summary>A write-only stream over an <see cref="ArrayBufferWriter{T}"/>, so gzip can compress into a reused buffer.</summary>
public sealed class BufferWriterStream(ArrayBufferWriter<byte> output) : Stream
{
    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => output.WrittenCount;

    public override long Position
    {
        get => output.WrittenCount;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer) => output.Write(buffer);

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
