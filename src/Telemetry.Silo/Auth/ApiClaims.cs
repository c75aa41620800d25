namespace Telemetry.Silo.Auth;

/// <summary>Claim types the API key handler puts on the caller's identity.</summary>
public static class ApiClaims
{
    public const string KeyName = "telemetry:key";
    public const string Role = "telemetry:role";
    public const string Tenant = "telemetry:tenant";
}
