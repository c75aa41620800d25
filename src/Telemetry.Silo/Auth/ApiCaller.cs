using System.Security.Claims;

namespace Telemetry.Silo.Auth;

/// <summary>Who is calling the API: the key's name, its role, and its tenant (null: every data center).</summary>
public sealed record ApiCaller(string KeyName, ApiRole Role, string? Tenant)
{
    /// <summary>The caller of an authenticated request; null when the request carried no valid key.</summary>
    public static ApiCaller? From(ClaimsPrincipal user)
    {
        if (user.Identity is not { IsAuthenticated: true }
            || !Enum.TryParse<ApiRole>(user.FindFirst(ApiClaims.Role)?.Value, out var role))
        {
            return null;
        }

        return new ApiCaller(user.FindFirst(ApiClaims.KeyName)?.Value ?? "", role, user.FindFirst(ApiClaims.Tenant)?.Value);
    }

    /// <summary>True when the caller's role is <paramref name="minimum"/> or above.</summary>
    public bool Has(ApiRole minimum) => Role >= minimum;

    /// <summary>True when the caller may act for <paramref name="tenant"/>: a key without a tenant may act for any.</summary>
    public bool MayActFor(string? tenant) => Tenant is null || string.Equals(Tenant, tenant, StringComparison.Ordinal);
}
