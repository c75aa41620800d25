using System.Text.Json.Nodes;
using Telemetry.Replay.Engines;

namespace Telemetry.Replay.Live;

/// <summary>
/// Reads <c>GET /api/v1/rebalance/decisions</c> (newest first) and hands out each decision once, oldest first;
/// acknowledges through <c>POST …/ack</c>. Only <c>proposed</c>, non-dry-run decisions are acted on.
/// </summary>
public sealed class DecisionFeed(SiloClient silo)
{
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private DateTimeOffset? _since;

    public async Task<IReadOnlyList<ReplayDecision>> NewAsync(CancellationToken cancellationToken)
    {
        var path = "/api/v1/rebalance/decisions?limit=2000" + (_since is { } s ? "&since=" + Uri.EscapeDataString(s.ToString("O")) : string.Empty);
        var answer = await silo.RequireAsync(HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
        var fresh = new List<ReplayDecision>();
        foreach (var item in (answer as JsonArray ?? []).Reverse())
        {
            if (item?["id"]?.GetValue<string>() is not { } id || !_seen.Add(id))
            {
                continue;
            }

            if (item["at"]?.GetValue<DateTimeOffset>() is { } at && (_since is null || at > _since))
            {
                // Ask again from a little before the newest seen, so decisions stamped in the same instant are not missed.
                _since = at.AddSeconds(-5);
            }

            if (!string.Equals(Text(item, "status"), "proposed", StringComparison.OrdinalIgnoreCase) || item["dryRun"]?.GetValue<bool>() == true)
            {
                continue;
            }

            fresh.Add(new ReplayDecision(id, Text(item, "kind")?.ToLowerInvariant() ?? string.Empty, Text(item, "from"), Text(item, "to"), Text(item, "node"), Text(item, "jobId"), Number(item, "admissionWeight")));
        }

        return fresh;
    }

    public async Task AcknowledgeAsync(string id, CancellationToken cancellationToken) =>
        await silo.SendAsync(HttpMethod.Post, $"/api/v1/rebalance/decisions/{Uri.EscapeDataString(id)}/ack", null, cancellationToken).ConfigureAwait(false);

    private static string? Text(JsonNode node, string name) => node[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static double? Number(JsonNode node, string name) => node[name] is JsonValue v && v.TryGetValue<double>(out var d) ? d : null;
}
