using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Telemetry.Silo.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;key&gt;</c> against the configured API keys. With no keys configured
/// every request is the open caller, an admin of every data center (the embedded default, announced at start).
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<ApiKeyAuthenticationOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyTable keys)
    : AuthenticationHandler<ApiKeyAuthenticationOptions>(options, logger, encoder)
{
    /// <summary>The caller's name when access is open.</summary>
    public const string OpenCaller = "open";

    private const string BearerPrefix = "Bearer ";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        // Endpoints open to anyone (ingest, with its exporter tokens in the same header) are not asked for a key,
        // so an exporter token is never hashed and judged as one.
        if (Context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (keys.IsOpen)
        {
            return Task.FromResult(Success(OpenCaller, ApiRole.Admin, tenant: null));
        }

        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) || header.Length <= BearerPrefix.Length)
        {
            return Task.FromResult(AuthenticateResult.Fail("The Authorization header is not 'Bearer <key>'."));
        }

        return Task.FromResult(keys.Find(header[BearerPrefix.Length..].Trim()) is { } key
            ? Success(key.Name, key.Role, key.Tenant)
            : AuthenticateResult.Fail("The API key is not known to this cluster."));
    }

    private AuthenticateResult Success(string name, ApiRole role, string? tenant)
    {
        var claims = new List<Claim> { new(ApiClaims.KeyName, name), new(ApiClaims.Role, role.ToString()) };
        if (tenant is not null)
        {
            claims.Add(new Claim(ApiClaims.Tenant, tenant));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }
}
