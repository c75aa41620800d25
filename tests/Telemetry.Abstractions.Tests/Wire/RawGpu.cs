using MessagePack;
using Telemetry.Wire;

namespace Telemetry.Abstractions.Tests.Wire;

/// <summary>A GPU block written element by element; defaults are valid for <see cref="RawReport"/>'s default fields.</summary>
internal sealed class RawGpu
{
    public RawGpu(int index = 0)
    {
        Index = Encode.Int(index);
        Uuid = Encode.Str($"GPU-{index:D4}-5f2c");
    }

    public ValueWriter Index { get; set; }

    public ValueWriter Uuid { get; set; }

    public ValueWriter Model { get; set; } = Encode.Str("NVIDIA B200");

    public ValueWriter JobId { get; set; } = Encode.Nil;

    public ValueWriter Ts { get; set; } = Encode.Ints(RawReport.NowMs - 2_000, RawReport.NowMs - 1_000);

    /// <summary>2 samples × 3 fields.</summary>
    public ValueWriter Values { get; set; } = Encode.Doubles(10, 20, 30, 11, 21, 31);

    public ValueWriter Xids { get; set; } = Encode.Nil;

    public List<ValueWriter> Extra { get; } = [];

    /// <summary>The declared element count; by default 7 plus <see cref="Extra"/>.</summary>
    public int? DeclaredLength { get; set; }

    public void WriteTo(ref MessagePackWriter writer)
    {
        writer.WriteArrayHeader(DeclaredLength ?? (7 + Extra.Count));
        Index(ref writer);
        Uuid(ref writer);
        Model(ref writer);
        JobId(ref writer);
        Ts(ref writer);
        Values(ref writer);
        Xids(ref writer);
        foreach (var extra in Extra)
        {
            extra(ref writer);
        }
    }
}
