using System.Text.Json;
using System.Text.Json.Nodes;
using Telemetry.Rebalancing;

namespace Telemetry.Silo.Api;

/// <summary>
/// The rebalancing policy as a JSON document: a PUT must carry every field (so an omitted one is never silently
/// reset to its default), a PATCH is a JSON merge patch (RFC 7396) over the current policy. Unknown fields are refused.
/// </summary>
public static class PolicyDocument
{
    /// <summary>The policy's fields as the API spells them (camelCase).</summary>
    public static IReadOnlyList<string> Fields { get; } =
        [.. typeof(RebalancePolicy).GetProperties().Where(p => p.CanWrite).Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name))];

    /// <summary>The policy a PUT body states, or the problem with it.</summary>
    public static (RebalancePolicy? Policy, string? Problem) FromPut(JsonObject body, JsonSerializerOptions json)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (Unknown(body) is { } unknown)
        {
            return (null, unknown);
        }

        var missing = Fields.Where(f => !body.ContainsKey(f)).ToArray();
        return missing.Length > 0
            ? (null, $"PUT replaces the whole policy, and the body lacks {string.Join(", ", missing)}. Send every field (GET /api/v1/rebalance/policy shows them), or PATCH with application/merge-patch+json to change only some.")
            : Read(body, json);
    }

    /// <summary>The current policy with a merge patch applied, or the problem with the patch.</summary>
    public static (RebalancePolicy? Policy, string? Problem) FromPatch(RebalancePolicy current, JsonObject patch, JsonSerializerOptions json)
    {
        ArgumentNullException.ThrowIfNull(patch);
        if (Unknown(patch) is { } unknown)
        {
            return (null, unknown);
        }

        var document = JsonSerializer.SerializeToNode(current, json)!.AsObject();
        Merge(document, patch);
        return Read(document, json);
    }

    private static string? Unknown(JsonObject body)
    {
        var unknown = body.Select(p => p.Key).Where(k => !Fields.Contains(k, StringComparer.Ordinal)).ToArray();
        return unknown.Length == 0 ? null : $"Unknown policy field(s): {string.Join(", ", unknown)}. The fields are {string.Join(", ", Fields)}.";
    }

    // RFC 7396: null removes (here: back to the default), an object merges into an object, anything else replaces.
    private static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch.ToArray())
        {
            if (value is null)
            {
                target.Remove(key);
            }
            else if (value is JsonObject inner && target[key] is JsonObject existing)
            {
                Merge(existing, inner);
            }
            else
            {
                target[key] = value.DeepClone();
            }
        }
    }

    private static (RebalancePolicy?, string?) Read(JsonObject document, JsonSerializerOptions json)
    {
        try
        {
            return (document.Deserialize<RebalancePolicy>(json) ?? new RebalancePolicy(), null);
        }
        catch (JsonException ex)
        {
            return (null, BadRequestDetail.ForJson(ex));
        }
    }
}
