namespace Telemetry.Exporter.Sending;

/// <summary>Turns the servers people type into ingest URLs.</summary>
public static class IngestEndpoints
{
    public const string Path = "/api/v1/ingest";

    /// <summary><c>http://host:5000</c> becomes <c>http://host:5000/api/v1/ingest</c>; a URL with a path is kept as given.</summary>
    public static Uri Resolve(Uri server) =>
        server.AbsolutePath is "/" or "" ? new Uri(server, Path) : server;
}
