using System.Text.RegularExpressions;

namespace Telemetry.Sink.Tests;

/// <summary>The schema names a Flux query uses: measurements, fields, and the columns it reads from rows (<c>r.x</c>), groups or keeps.</summary>
internal static partial class FluxQuery
{
    public static string[] Measurements(string flux) => [.. MeasurementPattern().Matches(flux).Select(m => m.Groups[1].Value)];

    public static string[] Fields(string flux) =>
    [
        .. FieldEqualsPattern().Matches(flux).Select(m => m.Groups[1].Value),
        .. FieldRegexPattern().Matches(flux).SelectMany(m => m.Groups[1].Value.Split('|')),
    ];

    /// <summary>Columns read as <c>r.name</c>, named in <c>tag: "…"</c>, or listed in <c>columns: […]</c>; Flux's own (<c>_time</c>, …) left out.</summary>
    public static string[] Columns(string flux) =>
    [
        .. RowPattern().Matches(flux).Select(m => m.Groups[1].Value),
        .. TagPattern().Matches(flux).Select(m => m.Groups[1].Value),
        .. ColumnsPattern().Matches(flux).SelectMany(m => QuotedPattern().Matches(m.Groups[1].Value).Select(q => q.Groups[1].Value)),
    ];

    /// <summary>Every <c>bucket: …</c> argument.</summary>
    public static string[] Buckets(string flux) => [.. BucketPattern().Matches(flux).Select(m => m.Groups[1].Value.Trim())];

    [GeneratedRegex(""""r\._measurement\s*==\s*"([^"]+)"""")]
    private static partial Regex MeasurementPattern();

    [GeneratedRegex(""""r\._field\s*(?:==|!=)\s*"([^"]+)"""")]
    private static partial Regex FieldEqualsPattern();

    [GeneratedRegex("""r\._field\s*=~\s*/\^\(([^)]+)\)\$/""")]
    private static partial Regex FieldRegexPattern();

    [GeneratedRegex("""\br\.([a-z][a-z0-9_]*)""")]
    private static partial Regex RowPattern();

    [GeneratedRegex(""""\btag:\s*"([^"]+)"""")]
    private static partial Regex TagPattern();

    [GeneratedRegex("""\b(?:columns|rowKey|columnKey):\s*\[([^\]]*)\]""")]
    private static partial Regex ColumnsPattern();

    [GeneratedRegex("\"([^\"]+)\"")]
    private static partial Regex QuotedPattern();

    [GeneratedRegex("""\bbucket:\s*([^,)\n]+)""")]
    private static partial Regex BucketPattern();
}
