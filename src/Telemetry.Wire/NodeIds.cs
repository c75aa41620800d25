namespace Telemetry.Wire;

/// <summary>Node ids are <c>&lt;datacenter&gt;/&lt;host&gt;</c>, each part <c>[a-z0-9][a-z0-9._-]{0,62}</c>.</summary>
public static class NodeIds
{
    /// <summary>Longest valid id: two 63-character parts and the slash.</summary>
    public const int MaxLength = 127;

    /// <summary>True when <paramref name="nodeId"/> is a valid node id.</summary>
    public static bool IsValid(string nodeId)
    {
        var slash = nodeId.IndexOf('/', StringComparison.Ordinal);
        return slash > 0
            && IsValidPart(nodeId.AsSpan(0, slash))
            && IsValidPart(nodeId.AsSpan(slash + 1));
    }

    /// <summary>True when <paramref name="part"/> is a valid data-center or host name.</summary>
    public static bool IsValidPart(ReadOnlySpan<char> part)
    {
        if (part.Length is 0 or > 63 || !IsLowerAlnum(part[0]))
        {
            return false;
        }

        foreach (var c in part[1..])
        {
            if (!IsLowerAlnum(c) && c is not ('.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The data-center part of a valid node id.</summary>
    public static string DataCenterOf(string nodeId) => nodeId[..nodeId.IndexOf('/', StringComparison.Ordinal)];

    /// <summary>The host part of a valid node id.</summary>
    public static string HostOf(string nodeId) => nodeId[(nodeId.IndexOf('/', StringComparison.Ordinal) + 1)..];

    private static bool IsLowerAlnum(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9');
}
