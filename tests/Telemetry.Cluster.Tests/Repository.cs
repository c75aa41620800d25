namespace Telemetry.Cluster.Tests;

/// <summary>Paths in this checkout: the silo built in the same configuration as these tests.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string SiloDll
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains("/bin/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
            var path = Path.Combine(Root, "src", "Telemetry.Silo", "bin", configuration, "net10.0", "Telemetry.Silo.dll");
            return File.Exists(path) ? path : throw new InvalidOperationException($"{path} is missing; build the solution first.");
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Telemetry.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Telemetry.sln not found above the test binaries.");
    }
}
