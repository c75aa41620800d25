using Telemetry.Benchmarks.Hosting;

namespace Telemetry.Benchmarks.Cli;

/// <summary>Runs a benchmark and turns the ways it can end into exit codes and one clear message.</summary>
internal static class CommandRunner
{
    /// <summary>A server was missing or did not start.</summary>
    public const int SetupFailed = 2;

    /// <summary>Interrupted (Ctrl-C, SIGTERM), as shells report SIGINT.</summary>
    public const int Interrupted = 130;

    /// <summary>The prefix of the full command line in reports.</summary>
    public const string Invocation = "dotnet run -c Release --project tests/Telemetry.Benchmarks --";

    /// <summary>Reports an unusable combination of flags that the parser cannot check alone.</summary>
    public static async Task<int> InvalidAsync(string name, string message)
    {
        await Console.Error.WriteLineAsync($"{name}: {message}");
        return SetupFailed;
    }

    public static async Task<int> RunAsync(string name, Func<Task<int>> benchmark)
    {
        try
        {
            return await benchmark();
        }
        catch (BenchmarkSetupException e)
        {
            await Console.Error.WriteLineAsync($"{name}: {e.Message}");
            return SetupFailed;
        }
        catch (ServerStartException e)
        {
            await Console.Error.WriteLineAsync($"{name}: {e.Message}");
            return SetupFailed;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"{name}: interrupted");
            return Interrupted;
        }
        finally
        {
            ChildProcesses.KillAll();
        }
    }
}
