namespace Telemetry.Silo.Auth;

/// <summary>Gives an endpoint or a group the role it needs, e.g. <c>.RequireApiRole(ApiRole.Scheduler)</c>.</summary>
public static class ApiAccessEndpointExtensions
{
    /// <summary>Callers need <paramref name="role"/> or above; without this an <c>/api/v1</c> GET needs a viewer and anything else an admin.</summary>
    public static TBuilder RequireApiRole<TBuilder>(this TBuilder builder, ApiRole role)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(ApiPolicies.Name(role));
}
