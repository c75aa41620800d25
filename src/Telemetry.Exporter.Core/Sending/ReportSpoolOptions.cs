namespace Telemetry.Exporter.Sending;

/// <summary>Where the spool lives and how big it may grow.</summary>
/// <param name="Directory">The spool's directory, created when missing; one process at a time may use it.</param>
/// <param name="MaxBytes">Bound on the segment files' total size; past it the oldest segment is dropped.</param>
/// <param name="SegmentBytes">Size at which a segment file is closed (and fsynced) and a new one started; at most a quarter of <paramref name="MaxBytes"/> is used.</param>
public sealed record ReportSpoolOptions(string Directory, long MaxBytes = ReportSpoolOptions.DefaultMaxBytes, long SegmentBytes = ReportSpoolOptions.DefaultSegmentBytes)
{
    public const long DefaultMaxBytes = 256L << 20;
    public const long DefaultSegmentBytes = 4L << 20;

    /// <summary><c>$XDG_STATE_HOME/telemetry-exporter/spool</c>, or <c>~/.local/state/telemetry-exporter/spool</c>.</summary>
    public static string DefaultDirectory()
    {
        var state = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
        if (string.IsNullOrWhiteSpace(state) || !Path.IsPathRooted(state))
        {
            state = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
        }

        return Path.Combine(state, "telemetry-exporter", "spool");
    }
}
