using Telemetry.Grains.Events;
using Telemetry.Grains.Live;
using Telemetry.Jobs;

namespace Telemetry.Silo.Live;

/// <summary>Puts every straggler found or cleared on this silo on the live feed as a <c>straggler</c> event.</summary>
public sealed class LiveStragglerListener(LiveFeedWriter writer) : IStragglerListener
{
    public void OnStragglerChanged(StragglerChange change) => writer.PostStraggler(change);
}
