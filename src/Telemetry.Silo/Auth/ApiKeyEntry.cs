namespace Telemetry.Silo.Auth;

/// <summary>One configured API key (<c>Telemetry:Auth:ApiKeys:&lt;name&gt;</c>); the key itself is never configured, only its hash.</summary>
public sealed class ApiKeyEntry
{
    /// <summary>Hex SHA-256 of the key's UTF-8 bytes (64 hex digits).</summary>
    public string? Sha256 { get; set; }

    /// <summary><c>viewer</c>, <c>scheduler</c>, <c>operator</c> or <c>admin</c>.</summary>
    public string? Role { get; set; }

    /// <summary>The tenant the key is limited to; none means every data center.</summary>
    public string? Tenant { get; set; }
}
