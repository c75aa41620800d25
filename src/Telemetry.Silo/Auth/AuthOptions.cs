namespace Telemetry.Silo.Auth;

/// <summary>API access settings (<c>Telemetry:Auth</c>). With no keys the API is open, and the silo says so at start.</summary>
public sealed class AuthOptions
{
    public const string Section = "Telemetry:Auth";

    /// <summary>API keys by name; the name only labels the key in errors and in the caller's identity.</summary>
    public Dictionary<string, ApiKeyEntry> ApiKeys { get; } = new(StringComparer.Ordinal);

    /// <summary>Hashes are not secrets, but they are left out anyway: a log needs only how many keys there are.</summary>
    public override string ToString() => $"ApiKeys={ApiKeys.Count}";
}
