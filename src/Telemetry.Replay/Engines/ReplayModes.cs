namespace Telemetry.Replay.Engines;

/// <summary>The modes <c>--mode</c> accepts.</summary>
public static class ReplayModes
{
    public const string Packing = "packing";
    public const string Timeline = "timeline";
}
