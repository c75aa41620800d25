using System.Buffers;
using MessagePack;

namespace Telemetry.Wire;

/// <summary>
/// Decodes and validates an ingest body (WIRE.md, format v1): one or more <c>NodeReport</c> arrays,
/// concatenated. A body is accepted whole or rejected at its first problem, with a <see cref="WireError"/>
/// whose <see cref="WireError.Code"/> is one of <see cref="WireErrorCodes"/>.
/// </summary>
/// <remarks>
/// <para>Rules, in the order they are checked (code in brackets):</para>
/// <list type="bullet">
/// <item>The body is not empty [empty-body] and holds at most <see cref="WireLimits.MaxReportsPerBody"/> reports [too-many-reports].</item>
/// <item>Each report is an array of at least 7 elements [report-shape]; an 8th is the optional hostBootId; elements past the 8th are skipped (iteratively, whatever their nesting).</item>
/// <item>0 version: the integer 1 [unsupported-version].</item>
/// <item>1 node id: a string of at most <see cref="NodeIds.MaxLength"/> bytes that passes <see cref="NodeIds.IsValid"/> [node-id].</item>
/// <item>2 seq: an integer 0 to <see cref="ulong.MaxValue"/> [seq].</item>
/// <item>3 bootId: a non-empty string of at most <see cref="WireLimits.MaxStringBytes"/> UTF-8 bytes [boot-id].</item>
/// <item>4 fields: an array of at most <see cref="WireLimits.MaxFields"/> distinct integers 1–255 [fields]; ids above 23 are
///   unknown to this server: their columns are validated, then dropped and counted in <see cref="NodeReport.SkippedFields"/>.</item>
/// <item>5 GPUs: an array [report-shape] of at most <see cref="WireLimits.MaxGpusPerReport"/> blocks [too-many-gpus]; each block an
///   array of at least 7 elements, extras skipped [gpu-shape]; no two blocks share an index or a UUID [duplicate-gpu]. In a block:
///   <list type="bullet">
///   <item>index: an integer 0–63 [gpu-index]; uuid: a non-empty string [gpu-uuid]; model: a string [gpu-model];
///     jobId: a string or nil [job-id]; strings at most <see cref="WireLimits.MaxStringBytes"/> UTF-8 bytes, valid UTF-8.</item>
///   <item>ts: an array of 1 to <see cref="WireLimits.MaxSamplesPerGpu"/> integers (Unix ms), strictly ascending (equal
///     timestamps are rejected: each row is a distinct sample), none later than <c>now</c> + <see cref="WireLimits.MaxClockSkew"/>
///     (a timestamp exactly at that bound is accepted) [timestamps].</item>
///   <item>values: an array of exactly S × F elements, S = ts length, F = fields length [values-length]; each a float32, float64
///     or integer; NaN is accepted as not measured, ±Infinity and every other type rejected [values-type].</item>
///   <item>xids: nil or an array of at most <see cref="WireLimits.MaxXidsPerGpu"/> integers 0–<see cref="int.MaxValue"/> [xids].</item>
///   </list></item>
/// <item>6 gauges: nil or a map of at most <see cref="WireLimits.MaxGauges"/> entries; names distinct, non-empty strings of at most
///   <see cref="WireLimits.MaxStringBytes"/> bytes; values float or integer, NaN accepted, ±Infinity rejected [gauges].</item>
/// <item>7 hostBootId (optional): a string of at most <see cref="WireLimits.MaxStringBytes"/> UTF-8 bytes [host-boot-id]; empty reads as
///   absent, and any other type there is skipped like the elements after it (it was undefined before).</item>
/// <item>Bytes that are not MessagePack, or that end inside a value, and any declared array, map or string length larger than
///   the bytes left in the body [malformed].</item>
/// </list>
/// <para>Every declared length is checked against its limit and the bytes left before anything is allocated for it, and nothing
/// recurses on input nesting. Decoded values are stored in canonical column order (<see cref="GpuSamples.Values"/>), NaN for
/// fields not sent; float32 values widen to double exactly.</para>
/// </remarks>
public static class NodeReportReader
{
    private const int ReportLength = 7;
    private static readonly string ExpectedShape = $"an array of {ReportLength} elements";

    /// <summary>Decodes and validates every report in <paramref name="body"/>.</summary>
    /// <param name="body">The whole request body, decompressed.</param>
    /// <param name="limits">Bounds on counts and sizes.</param>
    /// <param name="now">The server's clock, against which future timestamps are judged.</param>
    /// <param name="reports">The reports in body order on success; empty on failure.</param>
    /// <param name="error">The first problem found, or null on success.</param>
    /// <returns>True when every report is valid.</returns>
    public static bool TryReadAll(ReadOnlyMemory<byte> body, WireLimits limits, DateTimeOffset now, out List<NodeReport> reports, out WireError? error)
        => TryReadAll(new ReadOnlySequence<byte>(body), limits, now, out reports, out error);

    /// <inheritdoc cref="TryReadAll(ReadOnlyMemory{byte}, WireLimits, DateTimeOffset, out List{NodeReport}, out WireError?)"/>
    public static bool TryReadAll(ReadOnlySequence<byte> body, WireLimits limits, DateTimeOffset now, out List<NodeReport> reports, out WireError? error)
    {
        ArgumentNullException.ThrowIfNull(limits);
        reports = [];
        error = null;
        if (body.IsEmpty)
        {
            error = new WireError(-1, WireErrorCodes.EmptyBody, "The body is empty; expected one or more MessagePack-encoded node reports.");
            return false;
        }

        var scope = new ReportScope(limits, now);
        var reader = new MessagePackReader(body);
        try
        {
            while (!reader.End)
            {
                if (reports.Count == limits.MaxReportsPerBody)
                {
                    error = new WireError(-1, WireErrorCodes.TooManyReports, $"The body holds more than {limits.MaxReportsPerBody} reports; send at most {limits.MaxReportsPerBody} per body.");
                    break;
                }

                scope.BeginReport(reports.Count);
                reports.Add(ReadReport(ref reader, scope));
            }
        }
        catch (WireFormatException ex)
        {
            error = new WireError(scope.ReportIndex, ex.Code, ex.Message);
        }
        catch (Exception ex) when (ex is MessagePackSerializationException or EndOfStreamException)
        {
            // The reader throws these for invalid codes and for bodies that end inside a value.
            var problem = ex is EndOfStreamException ? "the body ends in the middle of a value" : "the bytes are not valid MessagePack";
            error = new WireError(scope.ReportIndex, WireErrorCodes.Malformed, scope.Sentence(problem));
        }

        if (error is null)
        {
            return true;
        }

        reports.Clear();
        return false;
    }

    private static NodeReport ReadReport(ref MessagePackReader reader, ReportScope scope)
    {
        var limits = scope.Limits;
        var length = BoundedReader.ReadArrayHeader(ref reader, scope, "the report", WireErrorCodes.ReportShape, ExpectedShape);
        if (length < ReportLength)
        {
            throw scope.Fail(WireErrorCodes.ReportShape, $"the report has {length} elements; expected {ReportLength}: version, nodeId, seq, bootId, fields, gpus, gauges");
        }

        BoundedReader.EnsureRemaining(ref reader, scope, length, "the report");

        if (!WireIntegers.TryReadInt64(ref reader, out var version) || version != WireContentTypes.FormatVersion)
        {
            throw scope.Fail(WireErrorCodes.UnsupportedVersion, $"the format version is not {WireContentTypes.FormatVersion}; this server speaks only version {WireContentTypes.FormatVersion}");
        }

        var nodeId = BoundedReader.ReadString(ref reader, scope, "the node id", NodeIds.MaxLength, WireErrorCodes.NodeId, recent: scope.RecentNodeId)!;
        if (!NodeIds.IsValid(nodeId))
        {
            throw scope.Fail(WireErrorCodes.NodeId, "the node id is not '<datacenter>/<host>' with each part matching [a-z0-9][a-z0-9._-]{0,62}");
        }

        scope.NodeId = scope.RecentNodeId = nodeId;
        if (!WireIntegers.TryReadUInt64(ref reader, out var seq))
        {
            throw scope.Fail(WireErrorCodes.Seq, "seq is not an unsigned integer; expected the exporter's report counter, 0 or more");
        }

        var bootId = BoundedReader.ReadString(ref reader, scope, "bootId", limits.MaxStringBytes, WireErrorCodes.BootId, recent: scope.RecentBootId)!;
        if (bootId.Length == 0)
        {
            throw scope.Fail(WireErrorCodes.BootId, "bootId is empty; expected the exporter instance's id (a UUID)");
        }

        scope.RecentBootId = bootId;
        var map = ColumnMap.Read(ref reader, scope);
        var gpus = GpuBlockReader.ReadAll(ref reader, scope, map);
        var gauges = GaugesReader.Read(ref reader, scope);
        // Before hostBootId was defined, position 7 was skipped whatever it held; anything but a string is still skipped.
        var hostBootId = length > ReportLength && reader.NextMessagePackType == MessagePackType.String
            ? BoundedReader.ReadString(ref reader, scope, "hostBootId", limits.MaxStringBytes, WireErrorCodes.HostBootId)
            : null;
        BoundedReader.SkipValues(ref reader, scope, length - ReportLength - (hostBootId is null ? 0 : 1));
        return new NodeReport
        {
            NodeId = nodeId,
            Seq = seq,
            BootId = bootId,
            Gpus = gpus,
            Gauges = gauges,
            HostBootId = string.IsNullOrEmpty(hostBootId) ? null : hostBootId,
            SkippedFields = map.Skipped,
        };
    }
}
