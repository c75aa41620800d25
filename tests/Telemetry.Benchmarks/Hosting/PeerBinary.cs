namespace Telemetry.Benchmarks.Hosting;

/// <summary>Checks that a peer's Debian binary is installed, and says which package to install when it is not.</summary>
internal static class PeerBinary
{
    public static string Require(string path, string debianPackage) =>
        File.Exists(path)
            ? path
            : throw new BenchmarkSetupException($"{path} not found: install the Debian package '{debianPackage}' (as root: apt-get install -y {debianPackage}), or leave it out with --peers.");
}
