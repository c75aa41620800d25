using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Telemetry.State;
using Telemetry.Wire;

namespace Telemetry.Silo.Ingest;

/// <summary>
/// <c>POST /api/v1/ingest</c>: wire format v1, MessagePack node reports (gzip or br allowed), answered 202 with
/// <see cref="IngestAnswer"/> or an RFC 9457 problem.
/// </summary>
public sealed class MessagePackDoor(IOptions<IngestOptions> options) : IIngestDoor
{
    private readonly WireLimits _limits = new() { MaxClockSkew = options.Value.MaxClockSkew };

    public string TooLargeAdvice => "send fewer reports per body";

    public IngestRejection? CheckEnvelope(HttpRequest request, out ContentCoding coding)
    {
        coding = ContentCoding.Identity;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType)
            || !(mediaType.MediaType.Equals(WireContentTypes.MessagePack, StringComparison.OrdinalIgnoreCase)
                 || mediaType.MediaType.Equals(WireContentTypes.VndMessagePack, StringComparison.OrdinalIgnoreCase)))
        {
            return new IngestRejection(415, "content-type", $"Content-Type must be {WireContentTypes.MessagePack} (or {WireContentTypes.VndMessagePack}); got '{request.ContentType}'.");
        }

        var encoding = request.Headers.ContentEncoding.ToString().Trim();
        switch (encoding.ToLowerInvariant())
        {
            case "" or "identity":
                return null;
            case "gzip":
                coding = ContentCoding.Gzip;
                return null;
            case "br":
                coding = ContentCoding.Brotli;
                return null;
            default:
                return new IngestRejection(415, "content-encoding", $"Content-Encoding '{encoding}' is not supported; use gzip, br, or none.");
        }
    }

    public IngestRejection? Decode(HttpRequest request, ReadOnlyMemory<byte> body, DateTimeOffset now, out IReadOnlyList<NodeReport> reports)
    {
        var ok = NodeReportReader.TryReadAll(body, _limits, now, out var read, out var error);
        reports = read;
        return ok ? null : new IngestRejection(400, error!.Code, error.Detail, error.ReportIndex >= 0 ? error.ReportIndex : null);
    }

    public IResult Accept(HttpContext context, IngestOutcome outcome) =>
        TypedResults.Json(new IngestAnswer(outcome.Reports, outcome.Samples, outcome.Duplicates), statusCode: StatusCodes.Status202Accepted);

    public IResult Refuse(HttpContext context, IngestRejection rejection) => IngestProblems.ToResult(context, rejection);
}
