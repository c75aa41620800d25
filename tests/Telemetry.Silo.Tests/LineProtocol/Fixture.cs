namespace Telemetry.Silo.Tests.LineProtocol;

/// <summary>The Telegraf fixture, as Telegraf writes it, optionally with fresh GPU UUIDs and timestamps.</summary>
internal static class Fixture
{
    public const string Gpu0 = "GPU-604ac76c-d9cf-fef3-62e9-d92044ab6e52";
    public const string Gpu1 = "GPU-a1b2c3d4-0000-1111-2222-333344445555";
    public const long FirstNs = 1700000000000000000;
    public const long SecondNs = 1700000010000000000;

    public static string Telegraf() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "telegraf-nvidia-smi.lp"));

    /// <summary>The fixture with its two sample times moved to 10 s ago and now, and its UUIDs replaced.</summary>
    public static string Telegraf(long nowMs, string gpu0, string gpu1) => Telegraf()
        .Replace(Gpu0, gpu0, StringComparison.Ordinal)
        .Replace(Gpu1, gpu1, StringComparison.Ordinal)
        .Replace($" {FirstNs}", $" {(nowMs - 10_000) * 1_000_000}", StringComparison.Ordinal)
        .Replace($" {SecondNs}", $" {nowMs * 1_000_000}", StringComparison.Ordinal);
}
