using Microsoft.Extensions.Options;
using Telemetry.Grains.Events;
using Telemetry.Grains.Live;

namespace Telemetry.Silo.Live;

/// <summary>Switches on the live stream (<c>/api/v1/stream</c>) and the dashboard page at <c>/</c>.</summary>
public static class LiveHostingExtensions
{
    public static WebApplicationBuilder AddLiveDashboard(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<LiveOptions>().BindConfiguration(LiveOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<LiveOptions>, LiveOptionsValidator>();
        builder.Services.AddSingleton<LiveFeedWriter>();
        builder.Services.AddSingleton<IHealthChangeListener, LiveHealthListener>();
        builder.Services.AddSingleton<IDecisionListener, LiveDecisionListener>();
        builder.Services.AddSingleton<IStragglerListener, LiveStragglerListener>();
        // Summaries are serialized as the API's answers are (camelCase, enums as names).
        builder.Services.AddSingleton(sp => new LiveHub(
            sp.GetRequiredService<IOptions<LiveOptions>>(), sp.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions));
        builder.Services.AddHostedService<LiveFeedForwarder>();
        builder.Services.AddHostedService<LiveFeedPoller>();
        return builder;
    }

    /// <summary>The page's static files, and the stream and heat-map endpoints under <c>/api/v1</c>.</summary>
    public static WebApplication MapLiveDashboard(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            // Revalidated on every load, so a silo upgrade never leaves a browser running yesterday's script.
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "no-cache",
        });
        app.MapGroup("/api/v1").MapLiveEndpoints();
        return app;
    }

    public static RouteGroupBuilder MapLiveEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/stream", LiveStreamEndpoint.StreamAsync).WithName("Stream")
            .WithSummary("Server-Sent Events: health changes, rebalancing decisions, data-center summaries")
            .Produces(200, contentType: "text/event-stream").ProducesProblem(400);
        api.MapGet("/datacenters/{dc}/gpus", DataCenterGpusEndpoint.GetAsync).WithName("GetDataCenterGpus")
            .WithSummary("Every GPU of a data center in short, node by node, for heat maps")
            .Produces<DataCenterGpus>().ProducesProblem(404);
        return api;
    }
}
