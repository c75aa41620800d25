using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Telemetry.Silo.Auth;

/// <summary>Answers a refused API request with problem+json: 401 without a valid key, 403 when the key's role is too low.</summary>
public sealed class ApiAccessResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Challenged)
        {
            var failure = context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Failure;
            context.Response.Headers.WWWAuthenticate = failure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
            await Problem(
                StatusCodes.Status401Unauthorized,
                "Authentication required",
                failure is null
                    ? "Send 'Authorization: Bearer <key>' with an API key of this cluster (docs/security.md)."
                    : $"{failure.Message} Ask an admin of this cluster for a key (docs/security.md).").ExecuteAsync(context);
            return;
        }

        if (authorizeResult.Forbidden)
        {
            var caller = ApiCaller.From(context.User);
            var needed = NeededRole(context, authorizeResult.AuthorizationFailure);
            await Problem(
                StatusCodes.Status403Forbidden,
                "Not allowed for this key",
                $"This request needs the {Describe(needed)} role; the key '{caller?.KeyName}' has {Describe(caller?.Role)}.").ExecuteAsync(context);
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }

    private static ApiRole? NeededRole(HttpContext context, AuthorizationFailure? failure) =>
        failure?.FailedRequirements.Select(r => r switch
        {
            ApiRoleRequirement role => role.Minimum,
            ApiDefaultRequirement => ApiDefaultRequirement.RoleFor(context.Request),
            _ => null,
        }).Max();

    private static string Describe(ApiRole? role) => role?.ToString().ToLowerInvariant() ?? "no";

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, type: $"urn:telemetry:problem:access:{status}");
}
