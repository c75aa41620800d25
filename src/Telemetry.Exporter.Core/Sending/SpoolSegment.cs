using Microsoft.Win32.SafeHandles;

namespace Telemetry.Exporter.Sending;

/// <summary>One segment file of the spool, written append-only and deleted once nothing in it is pending.</summary>
public sealed class SpoolSegment(long number, string path, SafeFileHandle handle) : IDisposable
{
    public const string Extension = ".spool";

    public long Number => number;

    public string Path => path;

    public SafeFileHandle Handle => handle;

    /// <summary>Bytes written so far (the file's length).</summary>
    public long Length { get; set; }

    /// <summary>Entries in this segment, oldest first.</summary>
    public List<SpoolEntry> Entries { get; } = [];

    /// <summary>Entries not yet settled.</summary>
    public int Live { get; set; }

    public static string FileName(long number) => $"segment-{number:D12}{Extension}";

    public static bool TryParseNumber(string fileName, out long number)
    {
        number = 0;
        return fileName.StartsWith("segment-", StringComparison.Ordinal) && fileName.EndsWith(Extension, StringComparison.Ordinal)
            && long.TryParse(fileName.AsSpan(8, fileName.Length - 8 - Extension.Length), out number);
    }

    public void Delete()
    {
        handle.Dispose();
        File.Delete(path);
    }

    public void Dispose() => handle.Dispose();
}
