using Microsoft.Extensions.Options;

namespace Telemetry.Silo.Ingest;

/// <summary>Switches on <c>POST /api/v1/ingest</c>.</summary>
public static partial class IngestHostingExtensions
{
    private const string TokenSecretKey = $"{IngestOptions.Section}:{nameof(IngestOptions.TokenSecret)}";

    public static WebApplicationBuilder AddIngest(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<IngestOptions>().BindConfiguration(IngestOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<IngestOptions>, IngestOptionsValidator>();
        if (string.IsNullOrEmpty(builder.Configuration[TokenSecretKey]))
        {
            builder.Services.AddSingleton<IIngestAuthorizer, OpenIngestAuthorizer>();
        }
        else
        {
            builder.Services.AddSingleton<IIngestAuthorizer, TokenIngestAuthorizer>();
        }

        builder.Services.AddSingleton<IngestDispatcher>();
        builder.Services.AddSingleton<IngestGate>();
        builder.Services.AddSingleton<IngestPipeline>();
        builder.Services.AddSingleton<MessagePackDoor>();
        return builder;
    }

    public static WebApplication MapIngest(this WebApplication app)
    {
        app.MapPost("/api/v1/ingest", (HttpContext context, IngestPipeline pipeline, MessagePackDoor door) => pipeline.HandleAsync(context, door))
            .WithName("Ingest")
            .AllowAnonymous() // exporters authenticate with their ingest tokens (WIRE.md), not with API keys
            .WithSummary("Ingest node reports (wire format v1, MessagePack)")
            // No Accepts() metadata: routing would answer a wrong Content-Type with an empty 415 before the handler's problem+json.
            .WithDescription("Body: one or more NodeReport values (MessagePack, application/x-msgpack), optionally gzip or br; see docs/wire-format.md.")
            .Produces<IngestAnswer>(StatusCodes.Status202Accepted)
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(413)
            .ProducesProblem(415).ProducesProblem(429).ProducesProblem(503);

        // Read from configuration, not from the authorizer, so a bad secret fails in options validation at start.
        if (string.IsNullOrEmpty(app.Configuration[TokenSecretKey]))
        {
            LogIngestOpen(app.Logger);
        }

        return app;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ingest authentication is OFF: no Ingest:TokenSecret is set, so any host can write any node's telemetry")]
    private static partial void LogIngestOpen(ILogger logger);
}
