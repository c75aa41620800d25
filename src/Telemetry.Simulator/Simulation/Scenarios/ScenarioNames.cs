namespace Telemetry.Exporter.Simulation.Scenarios;

/// <summary>The scenarios' names on the command line: <c>steady</c>, <c>hotspot</c>, <c>thermal</c>, <c>xid-storm</c>, <c>oscillating</c>, <c>dc-outage</c>, <c>stragglers</c>.</summary>
public static class ScenarioNames
{
    public static readonly IReadOnlyDictionary<string, ScenarioKind> ByName = new Dictionary<string, ScenarioKind>(StringComparer.OrdinalIgnoreCase)
    {
        ["steady"] = ScenarioKind.Steady,
        ["hotspot"] = ScenarioKind.Hotspot,
        ["thermal"] = ScenarioKind.Thermal,
        ["xid-storm"] = ScenarioKind.XidStorm,
        ["oscillating"] = ScenarioKind.Oscillating,
        ["dc-outage"] = ScenarioKind.DcOutage,
        ["stragglers"] = ScenarioKind.Stragglers,
    };

    public static string Known => string.Join(", ", ByName.Keys);
}
