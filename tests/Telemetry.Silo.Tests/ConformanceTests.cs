using System.Diagnostics;
using Xunit.Abstractions;

namespace Telemetry.Silo.Tests;

/// <summary>
/// Runs tests/conformance/wire_conformance.py — a client written from the wire contract alone, in another
/// language, with another MessagePack encoder — against a real silo with authentication on.
/// </summary>
public sealed class ConformanceTests(ITestOutputHelper output)
{
    private const string Secret = "conformance-secret-0123456789";

    [Fact]
    public async Task WireContract_IndependentClient_GetsEveryPromisedAnswer()
    {
        var script = Path.Combine(RepositoryRoot(), "tests", "conformance", "wire_conformance.py");
        await using var silo = await RunningSilo.StartAsync($"--Ingest:TokenSecret={Secret}");

        // Debian's interpreter, which has python3-msgpack and python3-brotli, whatever else is first on PATH.
        var (exitCode, text) = await RunAsync("/usr/bin/python3", script, "--url", silo.BaseAddress.ToString().TrimEnd('/'), "--secret", Secret, "--max-body-bytes", SiloFixture.MaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));

        output.WriteLine(text);
        Assert.True(exitCode == 0, $"the conformance client failed (exit {exitCode}):\n{text}");
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{program} is not installed ({e.Message}); scripts/test.sh installs python3, python3-msgpack and python3-brotli.", e);
        }

        using (process)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await stdout + await stderr);
        }
    }

    private static string RepositoryRoot()
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
