using System.Globalization;

namespace Telemetry.Replay.Trace;

/// <summary>
/// Reads a comma-separated file with a header line, mapping columns by name so that samplings that
/// leave out or add columns read the same. The trace has no quoted fields; a quote is refused rather
/// than misread.
/// </summary>
public sealed class CsvTable
{
    private readonly Dictionary<string, int> _columns;
    private string[] _fields = [];

    private CsvTable(string file, TextReader reader, Dictionary<string, int> columns)
    {
        File = file;
        Reader = reader;
        _columns = columns;
    }

    /// <summary>The file's path, for messages.</summary>
    public string File { get; }

    /// <summary>The current line's 1-based number.</summary>
    public int Line { get; private set; } = 1;

    private TextReader Reader { get; }

    /// <summary>Reads the header; <paramref name="required"/> columns must be present.</summary>
    public static CsvTable Open(string file, TextReader reader, IEnumerable<string> required)
    {
        var header = reader.ReadLine() ?? throw new TraceFormatException(file, 1, null, "the file is empty (expected a header line)");
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var names = header.TrimStart('\uFEFF').Split(',');
        for (var i = 0; i < names.Length; i++)
        {
            columns.TryAdd(names[i].Trim(), i);
        }

        foreach (var name in required)
        {
            if (!columns.ContainsKey(name))
            {
                throw new TraceFormatException(file, 1, name, $"the header has no such column (it has: {string.Join(", ", names)})");
            }
        }

        return new CsvTable(file, reader, columns);
    }

    /// <summary>True when the file has this column.</summary>
    public bool Has(string column) => _columns.ContainsKey(column);

    /// <summary>Moves to the next non-empty line; false at the end.</summary>
    public bool Next()
    {
        while (Reader.ReadLine() is { } text)
        {
            Line++;
            if (text.Length == 0)
            {
                continue;
            }

            if (text.Contains('"', StringComparison.Ordinal))
            {
                throw new TraceFormatException(File, Line, null, "quoted fields are not supported");
            }

            _fields = text.Split(',');
            if (_fields.Length < _columns.Count)
            {
                throw new TraceFormatException(File, Line, null, $"{_fields.Length} fields where the header has {_columns.Count}");
            }

            return true;
        }

        return false;
    }

    /// <summary>The column's text on this line (empty when the file lacks the column).</summary>
    public string Text(string column) => _columns.TryGetValue(column, out var i) ? _fields[i].Trim() : string.Empty;

    /// <summary>The column as a whole number within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public long WholeNumber(string column, long min, long max)
    {
        var text = Text(column);
        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            // Some samplings write whole numbers as 12.0.
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) || real != Math.Floor(real))
            {
                throw new TraceFormatException(File, Line, column, $"'{text}' is not a whole number");
            }

            value = (long)real;
        }

        if (value < min || value > max)
        {
            throw new TraceFormatException(File, Line, column, $"{value} is outside {min}–{max}");
        }

        return value;
    }
}
