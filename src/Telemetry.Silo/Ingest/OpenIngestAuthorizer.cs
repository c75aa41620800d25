using Telemetry.Wire;

namespace Telemetry.Silo.Ingest;

/// <summary>Lets every caller write every node: the embedded default, with no <c>Ingest:TokenSecret</c>.</summary>
public sealed class OpenIngestAuthorizer : IIngestAuthorizer
{
    public bool IsEnabled => false;

    public IngestRejection? Authorize(HttpRequest request, IReadOnlyList<NodeReport> reports) => null;
}
