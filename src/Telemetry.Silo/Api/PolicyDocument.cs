using System.Text.Json;
using System.Text.Json.Nodes;
using Telemetry.Rebalancing;

namespace Telemetry.Silo.Api;

/// <summary>
/// The rebalancing policy as a JSON document: a PUT must carry every field (so an omitted one is never silently
/// reset to its default) except those added since the contract was first published, which an older client does not
/// know and which keep their current value when omitted; a PATCH is a JSON merge patch (RFC 7396) over the current
/// policy. Unknown fields are refused.
/// </summary>
public static class PolicyDocument
{
    /// <summary>The policy's fields as the API spells them (camelCase).</summary>
    public static IReadOnlyList<string> Fields { get; } =
        [.. typeof(RebalancePolicy).GetProperties().Where(p => p.CanWrite).Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name))];

    /// <summary>Fields a PUT may leave out (they keep their current value): added after the first contract, so that a client written then still works.</summary>
    public static IReadOnlyList<string> AddedFields { get; } = ["drainStragglerNodes", "evacuateUnhealthyGpus", "evacuateMinJobAgeSeconds", "turnedAwayWindowSeconds"];

    /// <summary>The policy a PUT body states, or the problem with it; fields of <see cref="AddedFields"/> left out keep their value in <paramref name="current"/>.</summary>
    public static (RebalancePolicy? Policy, string? Problem) FromPut(JsonObject body, RebalancePolicy current, JsonSerializerOptions json)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (Unknown(body) is { } unknown)
        {
            return (null, unknown);
        }

        var missing = Fields.Where(f => !body.ContainsKey(f) && !AddedFields.Contains(f, StringComparer.Ordinal)).ToArray();
        if (missing.Length > 0)
        {
            return (null, $"PUT replaces the whole policy, and the body lacks {string.Join(", ", missing)}. Send every field (GET /api/v1/rebalance/policy shows them), or PATCH with application/merge-patch+json to change only some.");
        }

        var document = body.DeepClone().AsObject();
        var kept = JsonSerializer.SerializeToNode(current, json)!.AsObject();
        foreach (var field in AddedFields.Where(f => !document.ContainsKey(f) && kept.ContainsKey(f)))
        {
            document[field] = kept[field]!.DeepClone();
        }

        return Read(document, json);
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
