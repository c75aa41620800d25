using System.Text.Json;

namespace Telemetry.Silo.Tests.Scenarios;

/// <summary>Reading rebalancing decisions as the API answers them.</summary>
internal static class ScenarioDecisions
{
    public static string Kind(this JsonElement d) => d.GetProperty("kind").GetString()!;

    public static string? Text(this JsonElement d, string name) =>
        d.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static JsonElement[] OfKind(this JsonElement[] decisions, string kind) => [.. decisions.Where(d => d.Kind() == kind)];

    /// <summary>One line per decision, for the test output and failure messages.</summary>
    public static string Describe(this IEnumerable<JsonElement> decisions) =>
        string.Join(Environment.NewLine, decisions.Select(d => $"{d.Text("at")} {d.Kind()} {d.Text("from")}→{d.Text("to")} {d.Text("node")} {d.Text("jobId")}: {d.Text("reason")}"));
}
