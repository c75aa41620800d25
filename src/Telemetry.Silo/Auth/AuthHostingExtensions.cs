using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Telemetry.Silo.Auth;

/// <summary>
/// Switches on API keys and roles (API.md, Access): every <c>/api/v1</c> endpoint needs a key from then on, a GET a
/// viewer's and anything else an admin's unless the endpoint names its role with <c>RequireApiRole</c>.
/// </summary>
public static partial class AuthHostingExtensions
{
    public static WebApplicationBuilder AddApiAccess(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        builder.Services.AddSingleton(sp => new ApiKeyTable(ApiKeyParser.Parse(sp.GetRequiredService<IOptions<AuthOptions>>().Value).Keys));
        builder.Services.AddAuthentication(ApiKeyAuthenticationOptions.Scheme)
            .AddScheme<ApiKeyAuthenticationOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationOptions.Scheme, _ => { });
        builder.Services.AddAuthorization(ApiPolicies.Configure);
        builder.Services.AddSingleton<IAuthorizationHandler, ApiAccessHandler>();
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, ApiAccessResultHandler>();

        // TryAdd: tests put a fixed tenant map in its place.
        builder.Services.TryAddSingleton<ITenantDataCenters, PolicyTenantDataCenters>();
        builder.Services.AddSingleton<DataCenterAccess>();
        return builder;
    }

    public static WebApplication UseApiAccess(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        var keys = app.Services.GetRequiredService<ApiKeyTable>();
        if (keys.IsOpen)
        {
            LogApiOpen(app.Logger);
        }
        else
        {
            LogApiKeys(app.Logger, keys.Count);
        }

        return app;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "API access is OPEN: no Telemetry:Auth:ApiKeys are configured, so anyone who reaches this port can read every data center and change placement and policy")]
    private static partial void LogApiOpen(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "API access needs a key: {Keys} API keys configured")]
    private static partial void LogApiKeys(ILogger logger, int keys);
}
