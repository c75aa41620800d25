using Telemetry.State;
using Telemetry.Wire;

namespace Telemetry.Silo.Ingest;

/// <summary>
/// What differs between the ingest doors (<c>/api/v1/ingest</c>, <c>/api/v2/write</c>): the envelope they accept,
/// how a body becomes node reports, and the shape of their answers. The rest is <see cref="IngestPipeline"/>'s.
/// </summary>
public interface IIngestDoor
{
    /// <summary>Advice ending the 413 answer, in the words of this door's clients.</summary>
    string TooLargeAdvice { get; }

    /// <summary>Checks headers and query before the body is read; <paramref name="coding"/> is the body's compression.</summary>
    IngestRejection? CheckEnvelope(HttpRequest request, out ContentCoding coding);

    /// <summary>Decodes the whole (decompressed) body into reports, or says why it cannot (a 400).</summary>
    IngestRejection? Decode(HttpRequest request, ReadOnlyMemory<byte> body, DateTimeOffset now, out IReadOnlyList<NodeReport> reports);

    /// <summary>The answer to an applied body.</summary>
    IResult Accept(HttpContext context, IngestOutcome outcome);

    /// <summary>The answer to a refused body, with its Retry-After when it has one.</summary>
    IResult Refuse(HttpContext context, IngestRejection rejection);
}
