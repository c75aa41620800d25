using System.Buffers;
using MessagePack;
using Telemetry.Wire;

namespace Telemetry.Abstractions.Tests.Wire;

/// <summary>Shorthands for the MessagePack values tests put into hand-built reports.</summary>
internal static class Encode
{
    public static ValueWriter Nil { get; } = (ref MessagePackWriter w) => w.WriteNil();

    public static ValueWriter Int(long value) => (ref MessagePackWriter w) => w.Write(value);

    public static ValueWriter UInt(ulong value) => (ref MessagePackWriter w) => w.Write(value);

    public static ValueWriter Double(double value) => (ref MessagePackWriter w) => w.Write(value);

    public static ValueWriter Str(string value) => (ref MessagePackWriter w) => w.Write(value);

    public static ValueWriter Ints(params long[] values) => (ref MessagePackWriter w) =>
    {
        w.WriteArrayHeader(values.Length);
        foreach (var v in values)
        {
            w.Write(v);
        }
    };

    public static ValueWriter Doubles(params double[] values) => (ref MessagePackWriter w) =>
    {
        w.WriteArrayHeader(values.Length);
        foreach (var v in values)
        {
            w.Write(v);
        }
    };

    /// <summary>An array of the given elements.</summary>
    public static ValueWriter Array(params ValueWriter[] items) => (ref MessagePackWriter w) =>
    {
        w.WriteArrayHeader(items.Length);
        foreach (var item in items)
        {
            item(ref w);
        }
    };

    /// <summary>A map of the given name/value pairs.</summary>
    public static ValueWriter Map(params (string Name, ValueWriter Value)[] entries) => (ref MessagePackWriter w) =>
    {
        w.WriteMapHeader(entries.Length);
        foreach (var (name, value) in entries)
        {
            w.Write(name);
            value(ref w);
        }
    };

    /// <summary>Raw bytes, for headers no well-behaved writer would produce.</summary>
    public static ValueWriter Raw(params byte[] bytes) => (ref MessagePackWriter w) => w.WriteRaw(bytes);

    /// <summary>The bytes of one value: a body made by hand.</summary>
    public static byte[] ToBytes(ValueWriter value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        value(ref writer);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Arrays nested <paramref name="depth"/> deep around a 0.</summary>
    public static ValueWriter Nested(int depth) => (ref MessagePackWriter w) =>
    {
        for (var i = 0; i < depth; i++)
        {
            w.WriteArrayHeader(1);
        }

        w.Write(0);
    };
}
