namespace Telemetry.Replay.Trace;

/// <summary>A trace file that cannot be read: names the file, the 1-based line and the column.</summary>
public sealed class TraceFormatException : Exception
{
    public TraceFormatException(string file, int line, string? column, string problem)
        : base(column is null ? $"{file}:{line}: {problem}" : $"{file}:{line}: column '{column}': {problem}")
    {
        File = file;
        Line = line;
        Column = column;
    }

    public TraceFormatException()
    {
        File = string.Empty;
    }

    public TraceFormatException(string message)
        : base(message)
    {
        File = string.Empty;
    }

    public TraceFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        File = string.Empty;
    }

    /// <summary>The file's path as given.</summary>
    public string File { get; }

    /// <summary>1-based line number; 1 is the header.</summary>
    public int Line { get; }

    /// <summary>The column's header name, or null when the line as a whole is wrong.</summary>
    public string? Column { get; }
}
