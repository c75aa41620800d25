using Telemetry.Replay.Engines;

namespace Telemetry.Replay.Live;

/// <summary>A linked cluster for one policy run: its telemetry fleet and decisions, and the client the silo policy uses.</summary>
public interface IReplayCluster : IReplayLink, IAsyncDisposable
{
    SiloClient Silo { get; }
}
