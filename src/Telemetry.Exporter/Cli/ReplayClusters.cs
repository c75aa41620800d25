using Telemetry.Replay;
using Telemetry.Replay.Live;

namespace Telemetry.Exporter.Cli;

/// <summary>The cluster a replay links to: none without <c>--server</c>.</summary>
internal static class ReplayClusters
{
    public static IReplayClusterConnector? For(ReplayOptions options, Action<string> progress) =>
        options.Servers.Count == 0 ? null : new SiloClusterConnector(TimeProvider.System, progress);
}
