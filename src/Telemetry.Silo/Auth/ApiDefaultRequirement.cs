using Microsoft.AspNetCore.Authorization;

namespace Telemetry.Silo.Auth;

/// <summary>
/// The rule for every request whose endpoint names no role of its own (the fallback policy): under
/// <c>/api/v1</c> a GET needs a viewer and anything else an admin, so an endpoint added without a role is
/// readable by viewers and writable only by admins until it is given one; outside <c>/api/v1</c> anyone.
/// </summary>
public sealed class ApiDefaultRequirement : IAuthorizationRequirement
{
    public static readonly PathString ApiPrefix = new("/api/v1");

    /// <summary>The role a request needs, or null when it needs none.</summary>
    public static ApiRole? RoleFor(HttpRequest request)
    {
        if (!request.Path.StartsWithSegments(ApiPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) ? ApiRole.Viewer : ApiRole.Admin;
    }
}
