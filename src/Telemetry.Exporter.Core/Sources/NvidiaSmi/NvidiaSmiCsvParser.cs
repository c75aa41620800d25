using System.Globalization;

namespace Telemetry.Exporter.Sources.NvidiaSmi;

/// <summary>
/// Reads one row of <c>nvidia-smi --query-gpu=… --format=csv,noheader,nounits</c> (columns as
/// <see cref="NvidiaSmiQuery.Columns"/>). <c>[N/A]</c>, <c>[Not Supported]</c>, <c>[Unknown Error]</c> and the like
/// are NaN; the clock-reasons mask comes as hex (<c>0x0000000000000004</c>).
/// </summary>
internal static class NvidiaSmiCsvParser
{
    public static bool TryParse(string line, out GpuReading reading, out string error)
    {
        reading = null!;
        var cells = line.Split(',', StringSplitOptions.TrimEntries);
        if (cells.Length != NvidiaSmiQuery.Columns.Count)
        {
            error = $"expected {NvidiaSmiQuery.Columns.Count} columns, got {cells.Length}: '{line}'";
            return false;
        }

        if (!int.TryParse(cells[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index) || cells[1].Length == 0 || cells[1][0] == '[')
        {
            error = $"no GPU index and UUID in '{line}'";
            return false;
        }

        var values = GpuReading.EmptyValues();
        for (var i = 3; i < cells.Length; i++)
        {
            values[NvidiaSmiQuery.Columns[i].Field - 1] = Number(cells[i]);
        }

        reading = new GpuReading { Index = index, Uuid = cells[1], Model = cells[2], Values = values };
        error = "";
        return true;
    }

    private static double Number(string cell)
    {
        if (cell.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            && ulong.TryParse(cell.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var mask))
        {
            return mask;
        }

        return double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : double.NaN;
    }
}
