using Microsoft.Extensions.Options;
using Telemetry.Wire;

namespace Telemetry.Silo.Ingest;

/// <summary>
/// Checks the exporter's bearer token against every node in the body (WIRE.md, Authentication).
/// 401 when the token is missing or covers none of the body's nodes; 403 when it covers some but not all.
/// </summary>
/// <remarks>
/// Tokens carry no scope of their own, so a genuine token for a node outside the body cannot be told apart
/// from a forged one: both get 401.
/// </remarks>
public sealed class TokenIngestAuthorizer(IOptions<IngestOptions> options) : IIngestAuthorizer
{
    // The current secret, and during a rotation the previous one, whose tokens still count.
    private readonly string[] _secrets = options.Value.PreviousTokenSecret is { Length: > 0 } previous
        ? [options.Value.TokenSecret ?? throw new InvalidOperationException("Ingest:TokenSecret is not set."), previous]
        : [options.Value.TokenSecret ?? throw new InvalidOperationException("Ingest:TokenSecret is not set.")];

    public bool IsEnabled => true;

    public IngestRejection? Authorize(HttpRequest request, IReadOnlyList<NodeReport> reports)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
        {
            request.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return new IngestRejection(401, "token-missing", "Send 'Authorization: Bearer <token>', the node's ingest token (see docs/wire-format.md#authentication).");
        }

        var token = header[7..].Trim();
        var allowed = 0;
        int? firstDenied = null;
        for (var i = 0; i < reports.Count; i++)
        {
            if (Allows(token, reports[i].NodeId))
            {
                allowed++;
            }
            else
            {
                firstDenied ??= i;
            }
        }

        if (firstDenied is not { } denied)
        {
            return null;
        }

        if (allowed == 0)
        {
            request.HttpContext.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            return new IngestRejection(401, "token-invalid", "The bearer token is not valid for any node in this body.");
        }

        return new IngestRejection(403, "token-scope", $"The bearer token does not cover node '{reports[denied].NodeId}' (report {denied}); a body may mix nodes only when the token allows every one.", denied);
    }

    private bool Allows(string token, string nodeId)
    {
        var allowed = false;
        foreach (var secret in _secrets)
        {
            allowed |= IngestTokens.Allows(secret, token, nodeId);
        }

        return allowed;
    }
}
