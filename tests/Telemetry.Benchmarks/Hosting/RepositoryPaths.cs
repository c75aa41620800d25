namespace Telemetry.Benchmarks.Hosting;

/// <summary>Finds the repository's build outputs and files from wherever the benchmark runs.</summary>
internal static class RepositoryPaths
{
    /// <summary>The silo's Release output folder, <c>src/Telemetry.Silo/bin/Release/net10.0</c>.</summary>
    public static string SiloBinFolder() =>
        Path.Combine(Root("pass --silo-bin <folder of Telemetry.Silo.dll>"), "src", "Telemetry.Silo", "bin", "Release", "net10.0");

    /// <summary>The exporter's Release output folder, <c>src/Telemetry.Exporter/bin/Release/net10.0</c>.</summary>
    public static string ExporterBinFolder() =>
        Path.Combine(Root("pass --exporter <telemetry-exporter.dll>"), "src", "Telemetry.Exporter", "bin", "Release", "net10.0");

    /// <summary>The dashboard's static files, <c>src/Telemetry.Silo/wwwroot</c>.</summary>
    public static string DashboardFolder() =>
        Path.Combine(Root("pass --wwwroot <folder of the dashboard's index.html>"), "src", "Telemetry.Silo", "wwwroot");

    private static string Root(string otherwise)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Telemetry.sln")))
            {
                return dir.FullName;
            }
        }

        throw new BenchmarkSetupException($"Telemetry.sln not found above {AppContext.BaseDirectory}; {otherwise}.");
    }
}
