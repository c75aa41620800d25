using Telemetry.Fields;

namespace Telemetry.Grains.Windows;

/// <summary>
/// One field's history of retired 10-second buckets: mean and max as 16-bit floats (<see cref="Half"/>)
/// of value × a per-field power-of-two scale, slot = bucket mod <see cref="HistoryTags.Slots"/>.
/// The scale starts at <see cref="ScaleFor"/> and is halved, and the stored values rescaled, whenever a
/// value would overflow a Half (|value × scale| ≥ 65,520). Error: at most 2^-11 of the value, or
/// 2^-24 / scale for values whose scaled magnitude is below 2^-14 (Half subnormals).
/// Which bucket a slot holds is kept once per GPU, in <see cref="HistoryTags"/>.
/// </summary>
/// <remarks>
/// The slots are cut into blocks of <see cref="BlockSlots"/>. Buckets retire in order, so writes fill one
/// block after another: the block being written is kept as plain Half bit patterns, every other block packed
/// by <see cref="HalfBlockCodec"/> (lossless; 4.5 to 11.5 bits a value rather than 16 in the tests' realistic data, by how much the field moves)
/// in one array. A write to another block packs the open one and unpacks that one; reads unpack everything.
/// </remarks>
internal sealed class FieldHistory
{
    /// <summary>Slots per block: 5 minutes of buckets.</summary>
    public const int BlockSlots = 30;

    private const int Blocks = HistoryTags.Slots / BlockSlots;
    private static readonly ushort NaNBits = BitConverter.HalfToUInt16Bits(Half.NaN);

    // The open block: [i] = mean, [BlockSlots + i] = max of its slot i; NaN marks a bucket the field was not measured in.
    private readonly ushort[] _open = new ushort[2 * BlockSlots];

    // Where each packed block ends in _packed (block k starts where k − 1 ends); an empty block holds only NaN.
    private readonly ushort[] _ends = new ushort[Blocks];
    private byte[] _packed = [];
    private int _openBlock = -1;
    private double _scale;

    public FieldHistory(int fieldId) => _scale = ScaleFor(fieldId);

    /// <summary>
    /// The power of two a field's values start being multiplied by before they are stored as Half, so that
    /// its realistic maximum stays well under 65,504: MiB as GiB (2^-10), B/s as GiB/s (2^-30), others × 1.
    /// </summary>
    public static double ScaleFor(int fieldId) => fieldId switch
    {
        FieldCatalog.FbUsedMib or FieldCatalog.FbTotalMib => 1.0 / (1 << 10),
        FieldCatalog.PcieTxBytesPerSec or FieldCatalog.PcieRxBytesPerSec
            or FieldCatalog.NvlinkTxBytesPerSec or FieldCatalog.NvlinkRxBytesPerSec => 1.0 / (1 << 30),
        _ => 1.0,
    };

    public void Set(int slot, double mean, double max)
    {
        var scale = _scale;
        while (Half.IsInfinity((Half)(mean * scale)) || Half.IsInfinity((Half)(max * scale)))
        {
            scale /= 2;
        }

        if (scale != _scale)
        {
            Rescale(scale);
        }

        var block = slot / BlockSlots;
        if (block != _openBlock)
        {
            Seal();
            Unpack(block, _open);
            _openBlock = block;
        }

        var i = slot % BlockSlots;
        _open[i] = BitConverter.HalfToUInt16Bits((Half)(mean * scale));
        _open[BlockSlots + i] = BitConverter.HalfToUInt16Bits((Half)(max * scale));
    }

    /// <summary>Unpacks every slot: <paramref name="means"/> and <paramref name="maxes"/> get <see cref="HistoryTags.Slots"/> bit patterns each.</summary>
    public void ReadAll(Span<ushort> means, Span<ushort> maxes)
    {
        Span<ushort> block = stackalloc ushort[2 * BlockSlots];
        for (var k = 0; k < Blocks; k++)
        {
            Unpack(k, block);
            block[..BlockSlots].CopyTo(means.Slice(k * BlockSlots, BlockSlots));
            block[BlockSlots..].CopyTo(maxes.Slice(k * BlockSlots, BlockSlots));
        }
    }

    /// <summary>Bytes the packed blocks use, and the length of the array that holds them, for the memory report.</summary>
    public (int Used, int Allocated) PackedBytes => (_ends[Blocks - 1], _packed.Length);

    /// <summary>A value unpacked by <see cref="ReadAll"/>; NaN when the field was not measured in its bucket.</summary>
    public double ValueOf(ushort bits) => (double)BitConverter.UInt16BitsToHalf(bits) / _scale;

    private void Rescale(double scale)
    {
        // A power of two: exact for every stored value that stays a normal Half.
        var factor = scale / _scale;
        Span<ushort> block = stackalloc ushort[2 * BlockSlots];
        for (var k = 0; k < Blocks; k++)
        {
            Unpack(k, block);
            foreach (ref var bits in block)
            {
                bits = BitConverter.HalfToUInt16Bits((Half)((double)BitConverter.UInt16BitsToHalf(bits) * factor));
            }

            if (k == _openBlock)
            {
                block.CopyTo(_open);
            }
            else
            {
                Pack(k, block);
            }
        }

        _scale = scale;
    }

    private void Seal()
    {
        if (_openBlock >= 0)
        {
            Pack(_openBlock, _open);
            _openBlock = -1;
        }
    }

    private void Unpack(int block, Span<ushort> values)
    {
        if (block == _openBlock)
        {
            _open.CopyTo(values);
            return;
        }

        var start = block == 0 ? 0 : _ends[block - 1];
        if (_ends[block] == start)
        {
            values.Fill(NaNBits);
            return;
        }

        var packed = _packed.AsSpan(start, _ends[block] - start);
        var read = HalfBlockCodec.Decode(packed, values[..BlockSlots]);
        HalfBlockCodec.Decode(packed[read..], values[BlockSlots..]);
    }

    private void Pack(int block, ReadOnlySpan<ushort> values)
    {
        Span<byte> bytes = stackalloc byte[2 * HalfBlockCodec.MaxBytes(BlockSlots)];
        var length = HalfBlockCodec.Encode(values[..BlockSlots], bytes);
        length += HalfBlockCodec.Encode(values[BlockSlots..], bytes[length..]);
        Replace(block, bytes[..length]);
    }

    // Puts a block's bytes in place of its old ones; the array grows in steps of 64 bytes so that blocks of
    // slightly different sizes rarely reallocate it.
    private void Replace(int block, ReadOnlySpan<byte> bytes)
    {
        var start = block == 0 ? 0 : _ends[block - 1];
        var end = _ends[block];
        var used = _ends[Blocks - 1];
        var delta = bytes.Length - (end - start);
        var target = _packed;
        if (used + delta > _packed.Length)
        {
            target = new byte[(used + delta + 63) & ~63];
            _packed.AsSpan(0, start).CopyTo(target);
        }

        _packed.AsSpan(end, used - end).CopyTo(target.AsSpan(start + bytes.Length));
        bytes.CopyTo(target.AsSpan(start));
        _packed = target;
        for (var k = block; k < Blocks; k++)
        {
            _ends[k] = (ushort)(_ends[k] + delta);
        }
    }
}
