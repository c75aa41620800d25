using Microsoft.AspNetCore.Authentication;

namespace Telemetry.Silo.Auth;

/// <summary>Options of the API key scheme; the keys themselves come from <see cref="ApiKeyTable"/>.</summary>
public sealed class ApiKeyAuthenticationOptions : AuthenticationSchemeOptions
{
    public const string Scheme = "ApiKey";
}
