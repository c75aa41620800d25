namespace Telemetry.Grains.Windows;

/// <summary>Writes values of up to 32 bits each, least significant bit first, into bytes.</summary>
internal ref struct BitWriter(Span<byte> destination)
{
    private readonly Span<byte> _destination = destination;
    private ulong _pending;
    private int _pendingBits;
    private int _written;

    /// <summary>Writes the low <paramref name="bits"/> bits of <paramref name="value"/> (the bits above must be zero).</summary>
    public void Write(uint value, int bits)
    {
        _pending |= (ulong)value << _pendingBits;
        _pendingBits += bits;
        while (_pendingBits >= 8)
        {
            _destination[_written++] = (byte)_pending;
            _pending >>= 8;
            _pendingBits -= 8;
        }
    }

    /// <summary>Writes the bits still pending, padded with zeros to a byte; returns the bytes written in all.</summary>
    public int Flush()
    {
        if (_pendingBits > 0)
        {
            _destination[_written++] = (byte)_pending;
            _pending = 0;
            _pendingBits = 0;
        }

        return _written;
    }
}
