namespace Telemetry.Replay.Trace;

/// <summary>Opens a trace file with a message that names it when it is missing.</summary>
internal static class TraceFiles
{
    public static StreamReader Open(string path)
    {
        try
        {
            return new StreamReader(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or IOException)
        {
            throw new TraceFormatException(path, 0, null, $"cannot be read: {e.Message}");
        }
    }
}
