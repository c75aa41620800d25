using System.Runtime.CompilerServices;
using MessagePack;
using Telemetry.Fields;

namespace Telemetry.Wire;

/// <summary>
/// Decodes a GPU block's <c>values</c> (S × F numbers, row-major in wire column order) into the
/// canonical S × <see cref="FieldCatalog.Count"/> layout, NaN where a field was not sent.
/// This is the ingest hot loop: numbers are decoded straight from contiguous bytes, one allocation per block.
/// </summary>
internal static class SampleValuesReader
{
    public static double[] Read(ref MessagePackReader reader, ReportScope scope, ColumnMap map, int sampleCount)
    {
        var expected = (long)sampleCount * map.Width;
        // The expectation is spelled out only for a body that gets it wrong: this runs once per GPU block.
        var declared = reader.NextMessagePackType == MessagePackType.Array
            ? BoundedReader.ReadArrayHeader(ref reader, scope, "values", WireErrorCodes.ValuesLength, "an array")
            : BoundedReader.ReadArrayHeader(ref reader, scope, "values", WireErrorCodes.ValuesLength, $"an array of S × F = {sampleCount} × {map.Width} = {expected} numbers");
        if (declared != expected)
        {
            throw scope.Fail(WireErrorCodes.ValuesLength, $"values has {declared} numbers; expected S × F = {sampleCount} × {map.Width} = {expected}");
        }

        BoundedReader.EnsureRemaining(ref reader, scope, declared, "values");
        var values = GC.AllocateUninitializedArray<double>(sampleCount * FieldCatalog.Count);
        if (!map.CoversAll)
        {
            values.AsSpan().Fill(double.NaN);
        }

        ReadInto(ref reader, scope, map.Columns, values, (int)declared);
        return values;
    }

    private static void ReadInto(ref MessagePackReader reader, ReportScope scope, int[] columns, double[] values, int total)
    {
        var width = columns.Length;
        var column = 0;
        var rowStart = 0;
        var read = 0;
        while (read < total)
        {
            // Decode as far as the current contiguous segment goes, then let the reader take the one
            // value that straddles a segment boundary (or is not a number, or is cut off).
            var span = reader.Sequence.Slice(reader.Position).FirstSpan;
            var offset = 0;
            double value;
            int size;
            while (read < total && (size = WireNumber.TryDecode(span, offset, out value)) > 0)
            {
                offset += size;
                Store(scope, columns, values, value, read, ref column, ref rowStart, width);
                read++;
            }

            reader.ReadRaw(offset);
            if (read == total)
            {
                break;
            }

            if (!WireNumber.TryRead(ref reader, out value))
            {
                throw BoundedReader.WrongType(ref reader, scope, WireErrorCodes.ValuesType, $"values[{read}] (sample {read / width}, column {read % width})", "a float32, float64 or integer");
            }

            Store(scope, columns, values, value, read, ref column, ref rowStart, width);
            read++;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(ReportScope scope, int[] columns, double[] values, double value, int read, ref int column, ref int rowStart, int width)
    {
        if (double.IsInfinity(value))
        {
            throw Infinite(scope, value, read, width);
        }

        var target = columns[column];
        if (target >= 0)
        {
            values[rowStart + target] = value;
        }

        if (++column == width)
        {
            column = 0;
            rowStart += FieldCatalog.Count;
        }
    }

    // Kept out of the inlined hot path.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WireFormatException Infinite(ReportScope scope, double value, int read, int width) =>
        scope.Fail(WireErrorCodes.ValuesType, $"values[{read}] (sample {read / width}, column {read % width}) is {value}; expected a finite number, or NaN for not measured");
}
