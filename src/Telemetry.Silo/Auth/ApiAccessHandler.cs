using Microsoft.AspNetCore.Authorization;

namespace Telemetry.Silo.Auth;

/// <summary>Judges <see cref="ApiRoleRequirement"/> and <see cref="ApiDefaultRequirement"/> against the caller's role.</summary>
public sealed class ApiAccessHandler : IAuthorizationHandler
{
    public Task HandleAsync(AuthorizationHandlerContext context)
    {
        var caller = ApiCaller.From(context.User);
        foreach (var requirement in context.PendingRequirements.ToList())
        {
            var needed = requirement switch
            {
                ApiRoleRequirement role => role.Minimum,

                // Authorization without an HTTP request to judge is not expected; it gets the strictest answer.
                ApiDefaultRequirement => context.Resource is HttpContext http ? ApiDefaultRequirement.RoleFor(http.Request) : ApiRole.Admin,
                _ => ApiRole.Admin,
            };
            if (requirement is ApiRoleRequirement or ApiDefaultRequirement
                && (needed is null || (caller is not null && caller.Has(needed.Value))))
            {
                context.Succeed(requirement);
            }
        }

        return Task.CompletedTask;
    }
}
