namespace Telemetry.Benchmarks.Hosting;

/// <summary>Finds the repository's build outputs from wherever the benchmark runs.</summary>
internal static class RepositoryPaths
{
    /// <summary>The silo's Release output folder, <c>src/Telemetry.Silo/bin/Release/net10.0</c>.</summary>
    public static string SiloBinFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Telemetry.sln")))
            {
                return Path.Combine(dir.FullName, "src", "Telemetry.Silo", "bin", "Release", "net10.0");
            }
        }

        throw new BenchmarkSetupException($"Telemetry.sln not found above {AppContext.BaseDirectory}; pass --silo-bin <folder of Telemetry.Silo.dll>.");
    }
}
