using Telemetry.Silo.Api;

namespace Telemetry.Silo.Live;

/// <summary>The payload of a <c>summary</c> event: the fleet's totals and every data center, as <c>GET /api/v1/fleet</c> has them.</summary>
public sealed record LiveSummary(DateTimeOffset At, FleetView Fleet);
