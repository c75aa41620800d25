using MessagePack;

namespace Telemetry.Wire;

/// <summary>Integer reads that report out-of-range values as false instead of the library's <see cref="OverflowException"/>.</summary>
internal static class WireIntegers
{
    /// <summary>Reads any MessagePack integer that fits a <see cref="long"/>; false (reader state unspecified) otherwise.</summary>
    public static bool TryReadInt64(ref MessagePackReader reader, out long value)
    {
        value = 0;
        if (reader.NextMessagePackType != MessagePackType.Integer)
        {
            return false;
        }

        if (reader.NextCode == MessagePackCode.UInt64)
        {
            var unsigned = reader.ReadUInt64();
            value = (long)unsigned;
            return unsigned <= long.MaxValue;
        }

        value = reader.ReadInt64();
        return true;
    }

    /// <summary>Reads any non-negative MessagePack integer; false (reader state unspecified) otherwise.</summary>
    public static bool TryReadUInt64(ref MessagePackReader reader, out ulong value)
    {
        value = 0;
        if (reader.NextMessagePackType != MessagePackType.Integer)
        {
            return false;
        }

        if (reader.NextCode == MessagePackCode.UInt64)
        {
            value = reader.ReadUInt64();
            return true;
        }

        var signed = reader.ReadInt64();
        value = (ulong)signed;
        return signed >= 0;
    }

    /// <summary>Reads an integer in <paramref name="min"/>..<paramref name="max"/>; false (reader state unspecified) otherwise.</summary>
    public static bool TryReadInt32(ref MessagePackReader reader, int min, int max, out int value)
    {
        var ok = TryReadInt64(ref reader, out var wide) && wide >= min && wide <= max;
        value = ok ? (int)wide : 0;
        return ok;
    }
}
