using System.Buffers;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Telemetry.Silo.Hosting;
using Telemetry.Silo.Metrics;
using Telemetry.Wire;

namespace Telemetry.Silo.Ingest;

/// <summary>
/// <c>POST /api/v1/ingest</c>: checks the envelope, reads and decodes the whole body, authorizes it, and
/// only then applies it, so any 4xx leaves every grain untouched (WIRE.md: applied whole or not at all).
/// </summary>
public sealed partial class IngestHandler(
    IngestDispatcher dispatcher,
    IngestGate gate,
    IIngestAuthorizer authorizer,
    IOptions<IngestOptions> options,
    ReadinessGate readiness,
    IngestMetrics metrics,
    TimeProvider time,
    ILogger<IngestHandler> logger)
{
    private readonly IngestOptions _options = options.Value;
    private readonly WireLimits _limits = new() { MaxClockSkew = options.Value.MaxClockSkew };

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await ProcessAsync(context);
        metrics.ObserveLatency(Stopwatch.GetElapsedTime(started));
        return result;
    }

    private async Task<IResult> ProcessAsync(HttpContext context)
    {
        if (!readiness.IsReady)
        {
            return Reject(context, new IngestRejection(503, "not-ready", "This silo is starting or stopping; send to another silo or retry shortly.", RetryAfterSeconds: 1));
        }

        if (!gate.TryEnter())
        {
            return Reject(context, new IngestRejection(429, "overloaded", "This silo is at Ingest:MaxConcurrentRequests bodies in flight; retry after Retry-After seconds, or send to another silo.", RetryAfterSeconds: 1));
        }

        try
        {
            return await ProcessAdmittedAsync(context);
        }
        finally
        {
            gate.Exit();
        }
    }

    private async Task<IResult> ProcessAdmittedAsync(HttpContext context)
    {
        if (CheckEnvelope(context.Request, out var coding) is { } envelopeProblem)
        {
            return Reject(context, envelopeProblem);
        }

        var (status, body) = await RequestBodyReader.ReadAsync(context.Request, coding, _options.MaxBodyBytes, context.RequestAborted);
        if (status == BodyReadStatus.TooLarge)
        {
            return Reject(context, new IngestRejection(413, "body-too-large", $"The body is over Ingest:MaxBodyBytes ({_options.MaxBodyBytes} bytes after decompression); send fewer reports per body."));
        }

        if (status == BodyReadStatus.BadCompression)
        {
            return Reject(context, new IngestRejection(400, "bad-compression", "The body could not be decompressed with the Content-Encoding it names."));
        }

        using (body)
        {
            if (!NodeReportReader.TryReadAll(new ReadOnlySequence<byte>(body!.Memory), _limits, time.GetUtcNow(), out var reports, out var error))
            {
                return Reject(context, new IngestRejection(400, error!.Code, error.Detail, error.ReportIndex >= 0 ? error.ReportIndex : null));
            }

            if (authorizer.Authorize(context.Request, reports) is { } denied)
            {
                return Reject(context, denied);
            }

            try
            {
                var outcome = await dispatcher.ApplyAsync(reports);
                metrics.Applied(outcome, reports);
                return TypedResults.Json(new IngestAnswer(outcome.Reports, outcome.Samples, outcome.Duplicates), statusCode: StatusCodes.Status202Accepted);
            }
            catch (Exception e) when (!context.RequestAborted.IsCancellationRequested)
            {
                // A silo leaving or lost, storage away, a timeout: the body may be partly applied, and a retry is
                // safe because every report is de-duplicated, so the exporter is told to retry, never given a 500.
                LogApplyFailed(e, reports.Count);
                return Reject(context, new IngestRejection(503, "apply-failed", "The cluster could not apply the body just now; retry it unchanged (duplicates are detected).", RetryAfterSeconds: 1));
            }
        }
    }

    private static IngestRejection? CheckEnvelope(HttpRequest request, out ContentCoding coding)
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

    private IResult Reject(HttpContext context, IngestRejection rejection)
    {
        metrics.Rejected(rejection.Code);
        return IngestProblems.ToResult(context, rejection);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Applying a body of {Reports} reports failed; the exporter is told to retry")]
    private partial void LogApplyFailed(Exception exception, int reports);
}
