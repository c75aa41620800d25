namespace Telemetry.Exporter.Tests;

/// <summary>Fixture files copied next to the test assembly, made in exactly the formats the real tools print.</summary>
internal static class Fixtures
{
    public const string Gpu0 = "GPU-604ac76c-d9cf-fef3-62e9-d92044ab6e52";
    public const string Gpu1 = "GPU-a1b2c3d4-0000-1111-2222-333344445555";

    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static string Read(string name) => File.ReadAllText(PathOf(name));
}
