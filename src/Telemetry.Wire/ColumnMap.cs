using MessagePack;
using Telemetry.Fields;

namespace Telemetry.Wire;

/// <summary>
/// A report's <c>fields</c> turned into where each wire column goes: the canonical column
/// (field id − 1), or −1 for an id this server does not know. Built once per report.
/// </summary>
/// <param name="Columns">Canonical column of each wire column, or −1 to skip it.</param>
/// <param name="Skipped">Wire columns with an unknown field id.</param>
/// <param name="CoversAll">Whether every known field is sent, so no canonical column stays NaN.</param>
internal sealed record ColumnMap(int[] Columns, int Skipped, bool CoversAll)
{
    /// <summary>Number of wire columns (F).</summary>
    public int Width => Columns.Length;

    /// <summary>Reads <c>fields</c>: distinct integers 1–255, at most <see cref="WireLimits.MaxFields"/>.</summary>
    public static ColumnMap Read(ref MessagePackReader reader, ReportScope scope)
    {
        var count = BoundedReader.ReadArrayLength(
            ref reader, scope, "fields", scope.Limits.MaxFields, WireErrorCodes.Fields, WireErrorCodes.Fields);
        var columns = new int[count];
        Span<bool> seen = stackalloc bool[FieldCatalog.MaxWireId + 1];
        var skipped = 0;
        var known = 0;
        for (var i = 0; i < count; i++)
        {
            if (!WireIntegers.TryReadInt64(ref reader, out var id) || id is < 1 or > FieldCatalog.MaxWireId)
            {
                throw scope.Fail(WireErrorCodes.Fields, $"fields[{i}] is not a field id; expected an integer 1–{FieldCatalog.MaxWireId}");
            }

            if (seen[(int)id])
            {
                throw scope.Fail(WireErrorCodes.Fields, $"fields[{i}] repeats field id {id}; each id may appear once");
            }

            seen[(int)id] = true;
            if (FieldCatalog.IsKnown((int)id))
            {
                columns[i] = (int)id - 1;
                known++;
            }
            else
            {
                columns[i] = -1;
                skipped++;
            }
        }

        return new ColumnMap(columns, skipped, known == FieldCatalog.Count);
    }
}
