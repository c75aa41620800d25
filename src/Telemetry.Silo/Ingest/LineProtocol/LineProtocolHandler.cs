using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Telemetry.Silo.Hosting;
using Telemetry.Silo.Metrics;
using Telemetry.Wire;

namespace Telemetry.Silo.Ingest.LineProtocol;

/// <summary>
/// <c>POST /api/v2/write</c>: InfluxDB 2's write API, so a Telegraf agent's <c>influxdb_v2</c> output can point at the
/// cluster unchanged. Reads the body (gzip allowed) under <c>Ingest:MaxBodyBytes</c>, maps its <c>nvidia_smi</c>
/// lines to node reports, checks the exporter token (InfluxDB's <c>Token</c> scheme or <c>Bearer</c>), applies them
/// through the same node grains as <c>/api/v1/ingest</c>, and answers as InfluxDB does: 204, or an error status
/// with <c>{"code","message"}</c>.
/// </summary>
public sealed partial class LineProtocolHandler(
    IngestDispatcher dispatcher,
    IngestGate gate,
    IIngestAuthorizer authorizer,
    IOptions<IngestOptions> options,
    ReadinessGate readiness,
    IngestMetrics metrics,
    TimeProvider time,
    ILogger<LineProtocolHandler> logger)
{
    private readonly IngestOptions _options = options.Value;

    public async Task<IResult> HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (!readiness.IsReady)
        {
            context.Response.Headers.RetryAfter = "1";
            return Error(503, "unavailable", "This silo is starting or stopping; retry shortly.", "not-ready");
        }

        // The same bound as /api/v1/ingest, shared with it: both kinds of body count against Ingest:MaxConcurrentRequests.
        if (!gate.TryEnter())
        {
            context.Response.Headers.RetryAfter = "1";
            return Error(429, "too many requests", "This silo is at Ingest:MaxConcurrentRequests bodies in flight; retry after Retry-After seconds, or send to another silo.", "overloaded");
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
        var request = context.Request;
        if (TimestampPrecision.ToMilliseconds(request.Query["precision"]) is not { } toMilliseconds)
        {
            return Error(400, "invalid", $"precision '{request.Query["precision"]}' is not ns, us, ms or s.", "bad-precision");
        }

        var encoding = request.Headers.ContentEncoding.ToString().Trim().ToLowerInvariant();
        if (encoding is not ("" or "identity" or "gzip"))
        {
            return Error(415, "unsupported media type", $"Content-Encoding '{encoding}' is not supported; use gzip or none.", "content-encoding");
        }

        var (status, body) = await RequestBodyReader.ReadAsync(request, encoding == "gzip" ? ContentCoding.Gzip : ContentCoding.Identity, _options.MaxBodyBytes, context.RequestAborted);
        if (status != BodyReadStatus.Ok)
        {
            return status == BodyReadStatus.TooLarge
                ? Error(413, "request too large", $"The body is over Ingest:MaxBodyBytes ({_options.MaxBodyBytes} bytes after decompression); lower Telegraf's metric_batch_size.", "body-too-large")
                : Error(400, "invalid", "The body could not be decompressed with the Content-Encoding it names.", "bad-compression");
        }

        List<NodeReport> reports;
        using (body)
        {
            try
            {
                var text = Encoding.UTF8.GetString(body!.Memory.Span);
                reports = TelegrafReportMapper.Map(LineProtocolParser.Parse(text), request.Query["bucket"], toMilliseconds, time.GetUtcNow().ToUnixTimeMilliseconds(), _options.MaxClockSkew);
            }
            catch (LineProtocolException e)
            {
                return Error(400, "invalid", e.Message, "line-protocol");
            }
        }

        if (reports.Count == 0)
        {
            return TypedResults.NoContent();
        }

        if (authorizer.Authorize(WithBearer(request), reports) is { } denied)
        {
            return Error(denied.Status, denied.Status == 401 ? "unauthorized" : "forbidden", denied.Detail, denied.Code);
        }

        try
        {
            var outcome = await dispatcher.ApplyAsync(reports);
            metrics.Applied(outcome, reports);
            return TypedResults.NoContent();
        }
        catch (Exception e) when (!context.RequestAborted.IsCancellationRequested)
        {
            // As on /api/v1/ingest: the batch is retried unchanged by Telegraf, and its seq makes the retry safe.
            LogApplyFailed(e, reports.Count);
            context.Response.Headers.RetryAfter = "1";
            return Error(503, "unavailable", "The cluster could not apply the batch just now; retry it unchanged.", "apply-failed");
        }
    }

    /// <summary>
    /// The exporter token arrives in InfluxDB's <c>Token</c> scheme; the ingest authorizer reads <c>Bearer</c>. The
    /// token itself is the same (docs/wire-format.md#authentication), so the scheme is renamed, not the rules.
    /// </summary>
    private static HttpRequest WithBearer(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Token ", StringComparison.OrdinalIgnoreCase))
        {
            request.Headers.Authorization = "Bearer " + header[6..].Trim();
        }

        return request;
    }

    private JsonHttpResult<InfluxError> Error(int status, string code, string message, string reason)
    {
        metrics.Rejected(reason);
        return TypedResults.Json(new InfluxError(code, message), statusCode: status);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Applying a line-protocol batch of {Reports} node reports failed; Telegraf is told to retry")]
    private partial void LogApplyFailed(Exception exception, int reports);
}
