namespace Telemetry.Sink.Tests;

/// <summary>Files of the repository (dashboards/, deploy/), found from the test binaries by walking up to Telemetry.sln.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string[] Under(string folder, string pattern)
    {
        var path = Path.Combine(Root, folder);
        Assert.True(Directory.Exists(path), $"{path} is missing");
        var files = Directory.GetFiles(path, pattern, SearchOption.AllDirectories);
        Array.Sort(files, StringComparer.Ordinal);
        Assert.NotEmpty(files);
        return files;
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

        throw new InvalidOperationException($"Telemetry.sln not found above {AppContext.BaseDirectory}");
    }
}
