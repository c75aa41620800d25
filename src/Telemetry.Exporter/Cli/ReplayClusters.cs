using Telemetry.Replay;
using Telemetry.Replay.Live;

namespace Telemetry.Exporter.Cli;

/// <summary>The cluster a replay links to: none without <c>--server</c>.</summary>
internal static class ReplayClusters
{
    public static IReplayClusterConnector? For(ReplayOptions options) => options.Servers.Count == 0 ? null : throw new SiloUnreachableException("linking a replay to a silo is not built yet");
}
