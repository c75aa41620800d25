using System.Text.Json;
using System.Text.Json.Serialization;

namespace Telemetry.Replay.Results;

/// <summary>Source-generated JSON for <c>summary.json</c>: every figure written, nulls included, indented for people.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(List<PolicyResult>))]
internal sealed partial class SummaryJson : JsonSerializerContext;
