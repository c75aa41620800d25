using System.Collections.Concurrent;

namespace Telemetry.Testing;

/// <summary>
/// Every server this process started, killed when it exits however it exits (normal end, exception,
/// Ctrl-C, SIGTERM), so no test or benchmark leaves a silo or database running on the machine.
/// </summary>
internal static class ChildProcesses
{
    private static readonly ConcurrentDictionary<ServerProcess, byte> Running = new();

    static ChildProcesses()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
        AppDomain.CurrentDomain.UnhandledException += (_, _) => KillAll();
    }

    public static void Add(ServerProcess server) => Running.TryAdd(server, 0);

    public static void Remove(ServerProcess server) => Running.TryRemove(server, out _);

    public static void KillAll()
    {
        foreach (var server in Running.Keys)
        {
            server.Dispose();
        }
    }
}
