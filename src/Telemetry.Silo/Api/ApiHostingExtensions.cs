using Telemetry.Silo.Hosting;
using Telemetry.Silo.Jobs;

namespace Telemetry.Silo.Api;

/// <summary>Switches on the state API, problem details and the OpenAPI document.</summary>
public static class ApiHostingExtensions
{
    public static WebApplicationBuilder AddStateApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();

        // Binding failures throw, so the handler can say which field was wrong instead of an empty 400.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<BadRequestProblemHandler>();
        builder.Services.AddExceptionHandler<ClusterUnavailableProblemHandler>();
        builder.Services.AddOpenApi(OpenApi.SiloOpenApiDocument.Configure);
        builder.Services.ConfigureHttpJsonOptions(options => ApiJson.Configure(options.SerializerOptions));
        return builder;
    }

    public static WebApplication MapStateApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapOpenApi();
        app.MapGroup("/api/v1").MapStateEndpoints().MapPlacementEndpoints().MapRebalanceEndpoints().MapOperatorEndpoints().MapJobEndpoints();
        return app;
    }
}
