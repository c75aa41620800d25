using System.Text.Json;
using System.Text.Json.Serialization;

namespace Telemetry.Exporter.Running;

/// <summary>Source-generated reading of the <c>--config</c> file, so a trimmed exporter needs no reflection.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(ExporterConfigFile))]
internal sealed partial class ExporterConfigJson : JsonSerializerContext;
