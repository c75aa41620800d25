using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Telemetry.Wire;

/// <summary>
/// Per-node ingest tokens (WIRE.md, Authentication): base64url, unpadded, of HMAC-SHA256 keyed by the
/// cluster's ingest secret over the node id, or over <c>&lt;datacenter&gt;/*</c> for a whole data center.
/// </summary>
public static class IngestTokens
{
    /// <summary>The token for one node id, or for a data-center scope such as <c>dc1/*</c>.</summary>
    public static string For(string secret, string scope) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(scope)));

    /// <summary>The scope that covers every node of <paramref name="dataCenter"/>.</summary>
    public static string DataCenterScope(string dataCenter) => dataCenter + "/*";

    /// <summary>True when <paramref name="token"/> is the node's own token or its data center's, compared in constant time.</summary>
    public static bool Allows(string secret, string token, string nodeId) =>
        FixedTimeEquals(token, For(secret, nodeId))
        || FixedTimeEquals(token, For(secret, DataCenterScope(NodeIds.DataCenterOf(nodeId))));

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));
}
