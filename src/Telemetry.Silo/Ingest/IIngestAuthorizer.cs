using Telemetry.Wire;

namespace Telemetry.Silo.Ingest;

/// <summary>Decides whether the caller may write every node in a decoded body (WIRE.md, Authentication).</summary>
public interface IIngestAuthorizer
{
    /// <summary>True when ingest is authenticated at all; false logs a warning at start.</summary>
    bool IsEnabled { get; }

    /// <summary>Null when the caller may write all of <paramref name="reports"/>; else a 401 or 403 rejection.</summary>
    IngestRejection? Authorize(HttpRequest request, IReadOnlyList<NodeReport> reports);
}
