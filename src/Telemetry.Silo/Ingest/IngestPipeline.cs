using System.Diagnostics;
using Microsoft.Extensions.Options;
using Telemetry.Silo.Hosting;
using Telemetry.Silo.Metrics;
using Telemetry.State;
using Telemetry.Wire;

namespace Telemetry.Silo.Ingest;

/// <summary>
/// The one way a body comes in, whichever door it uses: readiness, the shared in-flight gate, the bounded read,
/// decoding, authorization and only then dispatch, so any 4xx leaves every grain untouched (WIRE.md: applied whole
/// or not at all), and a failed dispatch is a 503 to retry, never a 500.
/// </summary>
public sealed partial class IngestPipeline(
    IngestDispatcher dispatcher,
    IngestGate gate,
    IIngestAuthorizer authorizer,
    IOptions<IngestOptions> options,
    ReadinessGate readiness,
    IngestMetrics metrics,
    TimeProvider time,
    ILogger<IngestPipeline> logger)
{
    private readonly IngestOptions _options = options.Value;

    public async Task<IResult> HandleAsync(HttpContext context, IIngestDoor door)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await AdmitAsync(context, door);
        metrics.ObserveLatency(Stopwatch.GetElapsedTime(started));
        return result;
    }

    private async Task<IResult> AdmitAsync(HttpContext context, IIngestDoor door)
    {
        if (!readiness.IsReady)
        {
            return Refuse(context, door, new IngestRejection(503, "not-ready", "This silo is starting or stopping; send to another silo or retry shortly.", RetryAfterSeconds: 1));
        }

        // One bound for both doors: every kind of body counts against Ingest:MaxConcurrentRequests.
        if (!gate.TryEnter())
        {
            return Refuse(context, door, new IngestRejection(429, "overloaded", "This silo is at Ingest:MaxConcurrentRequests bodies in flight; retry after Retry-After seconds, or send to another silo.", RetryAfterSeconds: 1));
        }

        try
        {
            return await ProcessAsync(context, door);
        }
        finally
        {
            gate.Exit();
        }
    }

    private async Task<IResult> ProcessAsync(HttpContext context, IIngestDoor door)
    {
        if (door.CheckEnvelope(context.Request, out var coding) is { } envelopeProblem)
        {
            return Refuse(context, door, envelopeProblem);
        }

        var (status, body) = await RequestBodyReader.ReadAsync(context.Request, coding, _options.MaxBodyBytes, context.RequestAborted);
        if (status == BodyReadStatus.TooLarge)
        {
            return Refuse(context, door, new IngestRejection(413, "body-too-large", $"The body is over Ingest:MaxBodyBytes ({_options.MaxBodyBytes} bytes after decompression); {door.TooLargeAdvice}."));
        }

        if (status == BodyReadStatus.BadCompression)
        {
            return Refuse(context, door, new IngestRejection(400, "bad-compression", "The body could not be decompressed with the Content-Encoding it names."));
        }

        IReadOnlyList<NodeReport> reports;
        using (body)
        {
            if (door.Decode(context.Request, body!.Memory, time.GetUtcNow(), out reports) is { } invalid)
            {
                return Refuse(context, door, invalid);
            }
        }

        if (reports.Count == 0)
        {
            return door.Accept(context, IngestOutcome.None);
        }

        if (authorizer.Authorize(context.Request, reports) is { } denied)
        {
            return Refuse(context, door, denied);
        }

        try
        {
            var outcome = await dispatcher.ApplyAsync(reports);
            metrics.Applied(outcome, reports);
            return door.Accept(context, outcome);
        }
        catch (Exception e) when (!context.RequestAborted.IsCancellationRequested)
        {
            // A silo leaving or lost, storage away, a timeout: the body may be partly applied, and a retry is
            // safe because every report is de-duplicated, so the sender is told to retry, never given a 500.
            LogApplyFailed(e, reports.Count, context.Request.Path);
            return Refuse(context, door, new IngestRejection(503, "apply-failed", "The cluster could not apply the body just now; retry it unchanged (duplicates are detected).", RetryAfterSeconds: 1));
        }
    }

    private IResult Refuse(HttpContext context, IIngestDoor door, IngestRejection rejection)
    {
        metrics.Rejected(rejection.Code);
        return door.Refuse(context, rejection);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Applying a body of {Reports} node reports on {Path} failed; the sender is told to retry")]
    private partial void LogApplyFailed(Exception exception, int reports, PathString path);
}
