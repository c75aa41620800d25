namespace Telemetry.Silo.Ingest.LineProtocol;

/// <summary>Switches on <c>POST /api/v2/write</c> (Telegraf's <c>influxdb_v2</c> output); needs <see cref="IngestHostingExtensions.AddIngest"/>.</summary>
public static class LineProtocolHostingExtensions
{
    public static WebApplicationBuilder AddLineProtocolIngest(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TelegrafDoor>();
        return builder;
    }

    public static WebApplication MapLineProtocolIngest(this WebApplication app)
    {
        app.MapPost("/api/v2/write", (HttpContext context, IngestPipeline pipeline, TelegrafDoor door) => pipeline.HandleAsync(context, door))
            .WithName("WriteLineProtocol")
            .WithSummary("Write InfluxDB line protocol (Telegraf's nvidia_smi measurement)")
            .WithDescription("InfluxDB 2's write API for Telegraf's influxdb_v2 output: ?bucket=<datacenter>&precision=ns|us|ms|s, Authorization: Token <exporter token>, gzip allowed; see docs/exporters.md.")
            .Produces(StatusCodes.Status204NoContent)
            .Produces<InfluxError>(400).Produces<InfluxError>(401).Produces<InfluxError>(403).Produces<InfluxError>(413)
            .Produces<InfluxError>(415).Produces<InfluxError>(429).Produces<InfluxError>(503);
        return app;
    }
}
