namespace Telemetry.Exporter.Sending;

/// <summary>A snapshot of the spool.</summary>
/// <param name="Bodies">Bodies waiting to be sent.</param>
/// <param name="Bytes">Their body bytes.</param>
/// <param name="OldestSpooledAtMs">When the oldest waiting body was spooled (Unix ms); null when none waits.</param>
/// <param name="Dropped">Bodies dropped (oldest first) to keep the spool within its bound, since it was opened.</param>
public readonly record struct SpoolBacklog(long Bodies, long Bytes, long? OldestSpooledAtMs, long Dropped);
