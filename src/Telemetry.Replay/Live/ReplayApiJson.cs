using System.Text.Json;
using System.Text.Json.Serialization;

namespace Telemetry.Replay.Live;

/// <summary>Source-generated JSON for the bodies the replay sends, so the exporter that carries it publishes trimmed.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PlacementRequestBody))]
internal sealed partial class ReplayApiJson : JsonSerializerContext;
