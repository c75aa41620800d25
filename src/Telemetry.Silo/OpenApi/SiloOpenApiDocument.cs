using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Telemetry.Silo.OpenApi;

/// <summary>
/// Completes the generated OpenAPI document with what endpoint metadata cannot say: the two ways in (API keys,
/// exporter tokens), the ingest doors' bodies, the 401/403 every <c>/api/v1</c> call can get once keys are on (and the 503 of a failover), the
/// operations endpoints (health checks and metrics are not minimal-API handlers), and servers without a trailing slash.
/// </summary>
public static class SiloOpenApiDocument
{
    public const string ApiKeyScheme = "apiKey";
    public const string IngestTokenScheme = "ingestToken";
    public const string InfluxTokenScheme = "influxToken";

    private const string Problem = "application/problem+json";

    public static void Configure(OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddDocumentTransformer((document, _, _) =>
        {
            Complete(document);
            return Task.CompletedTask;
        });
    }

    private static void Complete(OpenApiDocument document)
    {
        document.Info.Description ??= "Telemetry of a GPU fleet: ingest, state, placement, rebalancing and the live stream; see docs/api.md.";
        foreach (var server in document.Servers ?? [])
        {
            server.Url = server.Url?.TrimEnd('/');
        }

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API key from Telemetry:Auth:ApiKeys (docs/security.md): Authorization: Bearer <key>. Needed on /api/v1 once keys are configured; its role (viewer, scheduler, operator, admin) decides what it may do.",
        };
        document.Components.SecuritySchemes[IngestTokenScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An exporter token signed with Ingest:TokenSecret for the nodes it may write (docs/wire-format.md#authentication): Authorization: Bearer <token>. Needed once Ingest:TokenSecret is set.",
        };
        document.Components.SecuritySchemes[InfluxTokenScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = "Authorization",
            Description = "The same exporter token in InfluxDB's form, as Telegraf sends it: Authorization: Token <token>.",
        };

        foreach (var (path, item) in document.Paths)
        {
            foreach (var (_, operation) in item.Operations ?? [])
            {
                Complete(document, path, operation);
            }
        }

        OperationsEndpoints.Add(document);
    }

    private static void Complete(OpenApiDocument document, string path, OpenApiOperation operation)
    {
        switch (operation.OperationId)
        {
            case "Ingest":
                operation.Security = [Requirement(document, IngestTokenScheme)];
                operation.RequestBody = Body("One or more NodeReport values, MessagePack (wire format v1, docs/wire-format.md), optionally gzip or br (Content-Encoding).", "application/x-msgpack", "application/vnd.msgpack");
                return;
            case "WriteLineProtocol":
                operation.Security = [Requirement(document, InfluxTokenScheme), Requirement(document, IngestTokenScheme)];
                operation.RequestBody = Body("InfluxDB line protocol, Telegraf's nvidia_smi measurement (docs/exporters.md), optionally gzip (Content-Encoding).", "text/plain");
                return;
        }

        if (!path.StartsWith("/api/v1/", StringComparison.Ordinal))
        {
            return;
        }

        operation.Security = [Requirement(document, ApiKeyScheme)];
        operation.Responses ??= [];
        operation.Responses.TryAdd("401", ProblemResponse(document, "No API key, or one not configured (only once Telemetry:Auth:ApiKeys are set)."));
        operation.Responses.TryAdd("403", ProblemResponse(document, "The key's role or data centers do not allow this call."));
        operation.Responses.TryAdd("503", ProblemResponse(document, "A silo of the cluster became unavailable during the call (a failover); retry after Retry-After (1 s)."));
    }

    private static OpenApiSecurityRequirement Requirement(OpenApiDocument document, string scheme) =>
        new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [] };

    private static OpenApiRequestBody Body(string description, params string[] mediaTypes) => new()
    {
        Required = true,
        Description = description,
        Content = mediaTypes.ToDictionary(m => m, _ => new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } }),
    };

    internal static OpenApiResponse ProblemResponse(OpenApiDocument document, string description) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType> { [Problem] = new() { Schema = new OpenApiSchemaReference("ProblemDetails", document) } },
    };
}
