using Microsoft.AspNetCore.Authorization;

namespace Telemetry.Silo.Auth;

/// <summary>The named authorization policies, one per role, and the fallback for endpoints that name none.</summary>
public static class ApiPolicies
{
    /// <summary>The policy name for <paramref name="role"/>, e.g. <c>api:scheduler</c>.</summary>
    public static string Name(ApiRole role) => $"api:{role.ToString().ToLowerInvariant()}";

    public static void Configure(AuthorizationOptions options)
    {
        foreach (var role in Enum.GetValues<ApiRole>())
        {
            options.AddPolicy(Name(role), policy => policy.AddRequirements(new ApiRoleRequirement(role)));
        }

        options.FallbackPolicy = new AuthorizationPolicyBuilder().AddRequirements(new ApiDefaultRequirement()).Build();
    }
}
