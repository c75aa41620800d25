namespace Telemetry.Grains.Windows;

/// <summary>Reads back what <see cref="BitWriter"/> wrote, least significant bit first.</summary>
internal ref struct BitReader(ReadOnlySpan<byte> source)
{
    private readonly ReadOnlySpan<byte> _source = source;
    private ulong _pending;
    private int _pendingBits;
    private int _read;

    /// <summary>Bytes consumed so far, the one partly read included.</summary>
    public readonly int BytesRead => _read;

    /// <summary>Reads <paramref name="bits"/> (0 to 32) bits.</summary>
    public uint Read(int bits)
    {
        while (_pendingBits < bits)
        {
            _pending |= (ulong)_source[_read++] << _pendingBits;
            _pendingBits += 8;
        }

        var value = (uint)(_pending & ((1UL << bits) - 1));
        _pending >>= bits;
        _pendingBits -= bits;
        return value;
    }
}
