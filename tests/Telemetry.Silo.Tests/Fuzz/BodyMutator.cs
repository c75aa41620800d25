using System.IO.Compression;

namespace Telemetry.Silo.Tests.Fuzz;

/// <summary>
/// Hostile variants of a valid body, each a function of its index alone (so a run is the same whatever the
/// parallelism): bit flips, truncation, length prefixes set to their maximum, wrong types, deep nesting, huge
/// strings and a gzip bomb.
/// </summary>
internal sealed class BodyMutator(byte[] template, long maxBodyBytes, int seed)
{
    public const int Kinds = 8;

    private static readonly byte[] TypeCodes = [0xc0, 0xc2, 0xc3, 0xa3, 0x80, 0x90, 0xcb, 0xd3, 0xc4, 0xd4, 0xc1];
    private static readonly byte[] MaxHeaders = [0xdd, 0xdf, 0xdb, 0xc6];

    private readonly byte[] _bomb = Gzip(new byte[maxBodyBytes * 8]);

    /// <summary>The body and its Content-Encoding (null for none).</summary>
    public (byte[] Body, string? Encoding) Make(int index)
    {
        var random = new Random(HashCode.Combine(seed, index));
        return (index % Kinds) switch
        {
            0 => (FlipBits(random), null),
            1 => (template[..random.Next(template.Length)], null),
            2 => (MaxLength(random), null),
            3 => (WrongType(random), null),
            4 => (Nested(random), null),
            5 => (HugeString(random), null),
            6 => (_bomb, "gzip"),
            _ => (Gzip(FlipBits(random)), "gzip"),
        };
    }

    private byte[] FlipBits(Random random)
    {
        var body = (byte[])template.Clone();
        for (var flips = random.Next(1, 6); flips > 0; flips--)
        {
            body[random.Next(body.Length)] ^= (byte)(1 << random.Next(8));
        }

        return body;
    }

    private byte[] MaxLength(Random random)
    {
        var at = random.Next(template.Length - 4);
        return [.. template[..at], MaxHeaders[random.Next(MaxHeaders.Length)], 0xff, 0xff, 0xff, 0xff, .. template[(at + 1)..]];
    }

    private byte[] WrongType(Random random)
    {
        var body = (byte[])template.Clone();
        body[random.Next(body.Length)] = TypeCodes[random.Next(TypeCodes.Length)];
        return body;
    }

    /// <summary>The report with arrays nested tens of thousands deep put in place of one byte.</summary>
    private byte[] Nested(Random random)
    {
        var at = random.Next(template.Length);
        var depth = random.Next(10_000, 60_000);
        var nesting = new byte[depth + 1];
        Array.Fill(nesting, (byte)0x91);
        nesting[^1] = 0xc0;
        return [.. template[..at], .. nesting, .. template[(at + 1)..]];
    }

    /// <summary>A string header claiming megabytes in place of one byte, sometimes with the bytes really there, up to the body limit.</summary>
    private byte[] HugeString(Random random)
    {
        var at = random.Next(template.Length);
        var length = random.Next(2) == 0 ? random.Next(1 << 20, int.MaxValue) : random.Next(300, (int)maxBodyBytes / 2);
        byte[] header = [0xdb, (byte)(length >> 24), (byte)(length >> 16), (byte)(length >> 8), (byte)length];
        var filler = length < maxBodyBytes ? Enumerable.Repeat((byte)'x', length).ToArray() : [];
        return [.. template[..at], .. header, .. filler, .. template[(at + 1)..]];
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }
}
