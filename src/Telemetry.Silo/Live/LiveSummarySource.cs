using Telemetry.State;

namespace Telemetry.Silo.Live;

/// <summary>The newest data-center summaries the hub sent, kept to build each tenant's own summary from.</summary>
public sealed record LiveSummarySource(DateTimeOffset At, DataCenterSummary[] DataCenters);
