namespace Telemetry.Exporter.Running;

/// <summary>The host's boot id: Linux's <c>/proc/sys/kernel/random/boot_id</c>, new at every boot and unchanged by an exporter restart.</summary>
internal static class HostBoot
{
    public const string Path = "/proc/sys/kernel/random/boot_id";

    /// <summary>The boot id, or null where the host has none to read (not Linux, or /proc not mounted): reports then carry none.</summary>
    public static string? Read(string path = Path)
    {
        try
        {
            var id = File.ReadAllText(path).Trim();
            return id.Length == 0 ? null : id;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
