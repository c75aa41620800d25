using Microsoft.OpenApi;

namespace Telemetry.Silo.OpenApi;

/// <summary>
/// <c>/healthz</c>, <c>/readyz</c> and <c>/metrics</c> in the document: they are ASP.NET Core health checks and
/// OpenTelemetry's exporter, not minimal-API handlers, so the generator does not see them. Open to anyone.
/// </summary>
internal static class OperationsEndpoints
{
    public static void Add(OpenApiDocument document)
    {
        document.Tags ??= new HashSet<OpenApiTag>();
        document.Tags.Add(new OpenApiTag { Name = "Operations", Description = "Probes and metrics for the platform: open, no key." });
        Add(document, "/healthz", "Healthz", "The process is alive (liveness)", new() { ["200"] = Text("ok", "text/plain") });
        Add(document, "/readyz", "Readyz", "The silo serves: joined the cluster, Redis answers (when used); the sink's state", new()
        {
            ["200"] = Text("Ready: {\"status\",\"checks\":{name:{\"status\",\"description\"}}}; a check may be degraded.", "application/json"),
            ["503"] = SiloOpenApiDocument.ProblemResponse(document, "Not ready: starting, stopping, or Redis does not answer; the detail names the failing checks."),
        });
        Add(document, "/metrics", "Metrics", "Prometheus metrics of this silo: runtime, ASP.NET Core, Kestrel, Orleans and the silo's own", new()
        {
            ["200"] = Text("Prometheus text exposition (0.0.4), or OpenMetrics when asked.", "text/plain"),
        });
    }

    private static void Add(OpenApiDocument document, string path, string id, string summary, OpenApiResponses responses)
    {
        var operation = new OpenApiOperation
        {
            OperationId = id,
            Summary = summary,
            Tags = new HashSet<OpenApiTagReference> { new("Operations", document) },
            Security = [],
            Responses = responses,
        };
        document.Paths[path] = new OpenApiPathItem { Operations = new Dictionary<HttpMethod, OpenApiOperation> { [HttpMethod.Get] = operation } };
    }

    private static OpenApiResponse Text(string description, string mediaType) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType> { [mediaType] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } } },
    };
}
