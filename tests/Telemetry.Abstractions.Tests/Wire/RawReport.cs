using System.Buffers;
using MessagePack;
using Telemetry.Wire;

namespace Telemetry.Abstractions.Tests.Wire;

/// <summary>
/// A node report written element by element, valid by default, so a test can swap one element for
/// a bad one and see exactly that rejected.
/// </summary>
internal sealed class RawReport
{
    /// <summary>The clock tests decode against.</summary>
    public static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(NowMs);

    public const long NowMs = 1_750_000_000_000;

    public ValueWriter Version { get; set; } = Encode.Int(1);

    public ValueWriter NodeId { get; set; } = Encode.Str("dc1/node-01");

    public ValueWriter Seq { get; set; } = Encode.UInt(42);

    public ValueWriter BootId { get; set; } = Encode.Str("6f9619ff-8b86-d011-b42d-00c04fc964ff");

    public ValueWriter Fields { get; set; } = Encode.Ints(1, 7, 9);

    public List<RawGpu> Gpus { get; } = [new RawGpu()];

    /// <summary>Replaces the GPU list (and <see cref="Gpus"/>) when set.</summary>
    public ValueWriter? GpuList { get; set; }

    public ValueWriter Gauges { get; set; } = Encode.Nil;

    public List<ValueWriter> Extra { get; } = [];

    /// <summary>The declared element count; by default 7 plus <see cref="Extra"/>.</summary>
    public int? DeclaredLength { get; set; }

    /// <summary>The body holding these reports, concatenated.</summary>
    public static byte[] Body(params RawReport[] reports)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        foreach (var report in reports)
        {
            report.WriteTo(ref writer);
        }

        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    public byte[] ToBody() => Body(this);

    public void WriteTo(ref MessagePackWriter writer)
    {
        writer.WriteArrayHeader(DeclaredLength ?? (7 + Extra.Count));
        Version(ref writer);
        NodeId(ref writer);
        Seq(ref writer);
        BootId(ref writer);
        Fields(ref writer);
        if (GpuList is not null)
        {
            GpuList(ref writer);
        }
        else
        {
            writer.WriteArrayHeader(Gpus.Count);
            foreach (var gpu in Gpus)
            {
                gpu.WriteTo(ref writer);
            }
        }

        Gauges(ref writer);
        foreach (var extra in Extra)
        {
            extra(ref writer);
        }
    }
}
