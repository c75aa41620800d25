using System.Text.Json;
using System.Text.Json.Serialization;

namespace Telemetry.Replay.Fleet;

/// <summary>Source-generated JSON for <c>--tenants FILE</c>, which people write: comments and trailing commas allowed.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(TenantsFile.TenantsDocument))]
internal sealed partial class TenantsJson : JsonSerializerContext;
