using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Telemetry.Fields;
using Telemetry.Wire;

namespace Telemetry.Silo.Ingest.LineProtocol;

/// <summary>
/// Turns Telegraf <c>nvidia_smi</c> points into node reports. The node id is <c>&lt;datacenter&gt;/&lt;host&gt;</c>:
/// the host from Telegraf's <c>host</c> tag, the data center from a <c>datacenter</c> tag (Telegraf's
/// <c>[global_tags]</c>) or else the request's bucket. A GPU is its <c>uuid</c> tag, at its <c>index</c>, named by
/// <c>name</c>. Retries stay idempotent (WIRE.md) because both ids come from the batch itself: the bootId is fixed per
/// node (a UUID derived from the node id), and the seq is the batch's newest sample time in ms × 64 + the highest GPU
/// index at that time, so Telegraf resending a batch is a duplicate and each later batch is newer. Other
/// measurements are ignored.
/// </summary>
public static class TelegrafReportMapper
{
    /// <summary>Longest GPU UUID or model name taken (the wire format's strings are bounded too).</summary>
    public const int MaxTagChars = 128;

    /// <summary>The node reports in <paramref name="points"/>, one per node; empty when none is <c>nvidia_smi</c>.</summary>
    /// <param name="points">Parsed lines.</param>
    /// <param name="bucket">The request's <c>bucket</c>, the data center of lines without a <c>datacenter</c> tag.</param>
    /// <param name="toMilliseconds">Converts a line's timestamp (in the request's precision) to Unix ms.</param>
    /// <param name="nowMs">The time of lines without a timestamp, and the reference for the clock-skew limit.</param>
    /// <param name="maxSkew">How far in the future a line may be.</param>
    /// <exception cref="LineProtocolException">A line cannot be mapped; the message names it and the tag to fix.</exception>
    public static List<NodeReport> Map(IEnumerable<LinePoint> points, string? bucket, Func<long, long> toMilliseconds, long nowMs, TimeSpan maxSkew)
    {
        var nodes = new Dictionary<string, Dictionary<string, GpuSeries>>(StringComparer.Ordinal);
        foreach (var point in points.Where(p => p.Measurement == TelegrafFields.Measurement))
        {
            var nodeId = NodeIdOf(point, bucket);
            var uuid = Tag(point, "uuid");
            if (uuid.Length > MaxTagChars || point.Tags.GetValueOrDefault("name")?.Length > MaxTagChars)
            {
                throw new LineProtocolException($"line {point.Line}: the uuid or name tag is over {MaxTagChars} characters.");
            }

            if (!int.TryParse(Tag(point, "index"), NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index > 63)
            {
                throw new LineProtocolException($"line {point.Line}: the index tag must be a GPU index 0–63.");
            }

            var ms = point.Timestamp is { } t ? toMilliseconds(t) : nowMs;
            if (ms < 0)
            {
                throw new LineProtocolException($"line {point.Line}: the timestamp is before 1970; check the precision parameter.");
            }

            if (ms > nowMs + (long)maxSkew.TotalMilliseconds)
            {
                throw new LineProtocolException($"line {point.Line}: the timestamp is more than {maxSkew} in the future; check the host's clock and the precision parameter.");
            }

            if (!nodes.TryGetValue(nodeId, out var gpus))
            {
                nodes[nodeId] = gpus = new Dictionary<string, GpuSeries>(StringComparer.Ordinal);
            }

            if (!gpus.TryGetValue(uuid, out var series))
            {
                if (gpus.Count == 64)
                {
                    throw new LineProtocolException($"line {point.Line}: node {nodeId} has more than 64 GPUs in this batch.");
                }

                gpus[uuid] = series = new GpuSeries(index, point.Tags.GetValueOrDefault("name") ?? "");
            }

            series.Rows[ms] = Values(point);
        }

        return [.. nodes.Select(n => Report(n.Key, n.Value))];
    }

    private static NodeReport Report(string nodeId, Dictionary<string, GpuSeries> gpus)
    {
        var newest = gpus.Values.Max(g => g.Rows.Keys[^1]);
        var highestIndex = gpus.Values.Where(g => g.Rows.Keys[^1] == newest).Max(g => g.Index);
        return new NodeReport
        {
            NodeId = nodeId,
            BootId = BootIdOf(nodeId),
            Seq = ((ulong)newest * 64) + (ulong)highestIndex,
            Gpus = [.. gpus.OrderBy(g => g.Value.Index).Select(g => new GpuSamples
            {
                Index = g.Value.Index,
                Uuid = g.Key,
                Model = g.Value.Model,
                Timestamps = [.. g.Value.Rows.Keys],
                Values = [.. g.Value.Rows.Values.SelectMany(v => v)],
            })],
        };
    }

    /// <summary>A UUID made from the node id, the same on every silo and after every restart.</summary>
    public static string BootIdOf(string nodeId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes("telegraf:" + nodeId));
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }

    private static string NodeIdOf(LinePoint point, string? bucket)
    {
        var host = Tag(point, "host").ToLowerInvariant();
        var dataCenter = (point.Tags.GetValueOrDefault("datacenter") ?? bucket ?? "").ToLowerInvariant();
        if (!NodeIds.IsValidPart(dataCenter))
        {
            throw new LineProtocolException($"line {point.Line}: no usable data center: add a datacenter tag (Telegraf's [global_tags]) or name the data center in the bucket parameter ([a-z0-9][a-z0-9._-]{{0,62}}); got '{dataCenter}'.");
        }

        if (!NodeIds.IsValidPart(host))
        {
            throw new LineProtocolException($"line {point.Line}: the host tag '{host}' is not a valid host name ([a-z0-9][a-z0-9._-]{{0,62}}); set Telegraf's agent hostname.");
        }

        return $"{dataCenter}/{host}";
    }

    private static string Tag(LinePoint point, string name) =>
        point.Tags.TryGetValue(name, out var value) && value.Length > 0
            ? value
            : throw new LineProtocolException($"line {point.Line}: the {name} tag is missing; Telegraf's nvidia_smi input sets it.");

    private static double[] Values(LinePoint point)
    {
        var values = new double[FieldCatalog.Count];
        Array.Fill(values, double.NaN);
        foreach (var (name, value) in point.Fields)
        {
            if (TelegrafFields.ByName.TryGetValue(name, out var field))
            {
                values[field - 1] = value.Text is { } text ? YesNo(text) : value.Number;
            }
        }

        var total = FieldCatalog.FbTotalMib - 1;
        if (double.IsNaN(values[total]) && point.Fields.TryGetValue(TelegrafFields.MemoryFree, out var free))
        {
            var reserved = point.Fields.TryGetValue(TelegrafFields.MemoryReserved, out var r) ? r.Number : 0;
            values[total] = values[FieldCatalog.FbUsedMib - 1] + free.Number + reserved;
        }

        return values;
    }

    private static double YesNo(string text) => text.Trim().ToLowerInvariant() switch
    {
        "yes" or "true" => 1,
        "no" or "false" => 0,
        _ => double.NaN,
    };

    private sealed class GpuSeries(int index, string model)
    {
        public int Index => index;

        public string Model => model;

        /// <summary>Rows by time, ascending; a repeated time keeps the last line.</summary>
        public SortedList<long, double[]> Rows { get; } = [];
    }
}
