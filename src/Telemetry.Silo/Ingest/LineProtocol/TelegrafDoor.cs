using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using Telemetry.State;
using Telemetry.Wire;

namespace Telemetry.Silo.Ingest.LineProtocol;

/// <summary>
/// <c>POST /api/v2/write</c>: InfluxDB 2's write API, so a Telegraf agent's <c>influxdb_v2</c> output can point at the
/// cluster unchanged. Its <c>nvidia_smi</c> lines (gzip allowed) become node reports, the exporter token comes in
/// InfluxDB's <c>Token</c> scheme or as <c>Bearer</c>, and it answers as InfluxDB does: 204, or an error status with
/// <c>{"code","message"}</c>.
/// </summary>
public sealed class TelegrafDoor(IOptions<IngestOptions> options) : IIngestDoor
{
    private readonly TimeSpan _maxClockSkew = options.Value.MaxClockSkew;

    public string TooLargeAdvice => "lower Telegraf's metric_batch_size";

    public IngestRejection? CheckEnvelope(HttpRequest request, out ContentCoding coding)
    {
        coding = ContentCoding.Identity;
        if (TimestampPrecision.ToMilliseconds(request.Query["precision"]) is null)
        {
            return new IngestRejection(400, "bad-precision", $"precision '{request.Query["precision"]}' is not ns, us, ms or s.");
        }

        var encoding = request.Headers.ContentEncoding.ToString().Trim().ToLowerInvariant();
        if (encoding is not ("" or "identity" or "gzip"))
        {
            return new IngestRejection(415, "content-encoding", $"Content-Encoding '{encoding}' is not supported; use gzip or none.");
        }

        coding = encoding == "gzip" ? ContentCoding.Gzip : ContentCoding.Identity;
        UseBearer(request);
        return null;
    }

    public IngestRejection? Decode(HttpRequest request, ReadOnlyMemory<byte> body, DateTimeOffset now, out IReadOnlyList<NodeReport> reports)
    {
        try
        {
            var text = Encoding.UTF8.GetString(body.Span);
            reports = TelegrafReportMapper.Map(LineProtocolParser.Parse(text), request.Query["bucket"], TimestampPrecision.ToMilliseconds(request.Query["precision"])!, now.ToUnixTimeMilliseconds(), _maxClockSkew);
            return null;
        }
        catch (LineProtocolException e)
        {
            reports = [];
            return new IngestRejection(400, "line-protocol", e.Message);
        }
    }

    public IResult Accept(HttpContext context, IngestOutcome outcome) => TypedResults.NoContent();

    public IResult Refuse(HttpContext context, IngestRejection rejection)
    {
        if (rejection.RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        return TypedResults.Json(new InfluxError(InfluxCode(rejection.Status), rejection.Detail), statusCode: rejection.Status);
    }

    /// <summary>InfluxDB's error codes, which Telegraf reads to decide whether to retry.</summary>
    private static string InfluxCode(int status) => status switch
    {
        401 => "unauthorized",
        403 => "forbidden",
        413 => "request too large",
        415 => "unsupported media type",
        429 => "too many requests",
        503 => "unavailable",
        _ => "invalid",
    };

    /// <summary>
    /// The exporter token arrives in InfluxDB's <c>Token</c> scheme; the ingest authorizer reads <c>Bearer</c>. The
    /// token itself is the same (docs/wire-format.md#authentication), so the scheme is renamed, not the rules.
    /// </summary>
    private static void UseBearer(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Token ", StringComparison.OrdinalIgnoreCase))
        {
            request.Headers.Authorization = "Bearer " + header[6..].Trim();
        }
    }
}
