using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Telemetry.Health;
using Telemetry.State;

namespace Telemetry.Grains.DataCenters;

/// <summary>
/// A data center's nodes, in compact form, as one byte string: what <see cref="DataCenterDurableState.Packed"/> holds.
/// A national data center writes 6,500 nodes every few seconds while its nodes change health. As an array of
/// records, the serializer walked some 30,000 objects per write and the silo spent 6 % of its CPU on it; written
/// here field by field, a write is one pass over the nodes and one array.
/// </summary>
/// <remarks>
/// Layout (little-endian; "varint" is 7 bits a byte, low first, as <see cref="BinaryWriter.Write7BitEncodedInt"/>):
/// the format byte (1), the node count (varint), then per node: node id (UTF-8, varint length), health (byte),
/// GPUs healthy, degraded, unhealthy, offline, free GPUs (varints), flags (byte: 1 drained, 2 last report, 4 model,
/// 8 drain reason), utilisation count (varint) and values (doubles), power (double), last report (if flagged),
/// model (if flagged), headroom (double), drain reason (if flagged), jobs (varint count, then id, GPUs, a byte 1 and
/// the time when <see cref="JobShare.Since"/> is known, else 0), received at, blind (ticks, 8 bytes). A time is its UTC
/// ticks (8 bytes) and its offset in minutes (2 bytes). The per-GPU parts of a summary (briefs, free and shared GPUs,
/// free memory) are most of its size and none of the totals, so they are not kept: a restored node shows no GPU cells
/// and offers no free GPU to placement until its next summary (at most a heartbeat), which is the safe side.
/// </remarks>
internal static class NodeSnapshotCodec
{
    private const byte Format = 1;
    private const byte Drained = 1;
    private const byte HasLastReport = 2;
    private const byte HasModel = 4;
    private const byte HasDrainReason = 8;

    /// <summary>Writes <paramref name="nodes"/> to <paramref name="output"/>.</summary>
    public static void Encode(IReadOnlyCollection<NodeEntry> nodes, IBufferWriter<byte> output)
    {
        var writer = new Writer(output);
        writer.Byte(Format);
        writer.VarInt(nodes.Count);
        foreach (var node in nodes)
        {
            var summary = node.Summary;
            writer.String(summary.NodeId);
            writer.Byte((byte)summary.Health);
            writer.VarInt(summary.GpusByHealth.Healthy);
            writer.VarInt(summary.GpusByHealth.Degraded);
            writer.VarInt(summary.GpusByHealth.Unhealthy);
            writer.VarInt(summary.GpusByHealth.Offline);
            writer.VarInt(summary.FreeGpus);
            writer.Byte((byte)((summary.Drained ? Drained : 0)
                | (summary.LastReportAt is null ? 0 : HasLastReport)
                | (summary.Model is null ? 0 : HasModel)
                | (summary.DrainReason is null ? 0 : HasDrainReason)));
            writer.VarInt(summary.GpuUtilPct.Length);
            foreach (var util in summary.GpuUtilPct)
            {
                writer.Double(util);
            }

            writer.Double(summary.PowerW);
            if (summary.LastReportAt is { } lastReport)
            {
                writer.Time(lastReport);
            }

            if (summary.Model is { } model)
            {
                writer.String(model);
            }

            writer.Double(summary.Headroom);
            if (summary.DrainReason is { } reason)
            {
                writer.String(reason);
            }

            writer.VarInt(summary.Jobs.Length);
            foreach (var job in summary.Jobs)
            {
                writer.String(job.JobId);
                writer.VarInt(job.Gpus);
                writer.Byte(job.Since is null ? (byte)0 : (byte)1);
                if (job.Since is { } since)
                {
                    writer.Time(since);
                }
            }

            writer.Time(node.ReceivedAt);
            writer.Long(node.Blind.Ticks);
        }
    }

    /// <summary>Reads what <see cref="Encode"/> wrote; throws <see cref="InvalidDataException"/> on anything else.</summary>
    public static RememberedNode[] Decode(ReadOnlySpan<byte> packed)
    {
        var reader = new Reader(packed);
        var format = reader.Byte();
        if (format != Format)
        {
            throw new InvalidDataException($"data-center snapshot: format {format} is not one this silo reads ({Format}).");
        }

        var count = reader.Count();
        var nodes = new RememberedNode[count];
        for (var n = 0; n < count; n++)
        {
            var nodeId = reader.String();
            var health = reader.Byte();
            if (health > (byte)HealthState.Offline)
            {
                throw new InvalidDataException($"data-center snapshot: node {nodeId} has health {health}, which is no health state.");
            }

            var counts = new HealthCounts(reader.Number(), reader.Number(), reader.Number(), reader.Number());
            var freeGpus = reader.Number();
            var flags = reader.Byte();
            if ((flags & ~(Drained | HasLastReport | HasModel | HasDrainReason)) != 0)
            {
                throw new InvalidDataException($"data-center snapshot: node {nodeId} has flags {flags:x2}, which this format does not define.");
            }

            var utils = new double[reader.Count()];
            for (var i = 0; i < utils.Length; i++)
            {
                utils[i] = reader.Double();
            }

            var power = reader.Double();
            DateTimeOffset? lastReport = (flags & HasLastReport) != 0 ? reader.Time() : null;
            var model = (flags & HasModel) != 0 ? reader.String() : null;
            var headroom = reader.Double();
            var drainReason = (flags & HasDrainReason) != 0 ? reader.String() : null;
            var jobs = new JobShare[reader.Count()];
            for (var j = 0; j < jobs.Length; j++)
            {
                var jobId = reader.String();
                var gpus = reader.Number();
                jobs[j] = new JobShare(jobId, gpus) { Since = reader.Byte() != 0 ? reader.Time() : null };
            }

            nodes[n] = new RememberedNode
            {
                Summary = new NodeSummary
                {
                    NodeId = nodeId,
                    Health = (HealthState)health,
                    GpusByHealth = counts,
                    FreeGpus = freeGpus,
                    Drained = (flags & Drained) != 0,
                    GpuUtilPct = utils,
                    PowerW = power,
                    LastReportAt = lastReport,
                    Model = model,
                    Headroom = headroom,
                    DrainReason = drainReason,
                    Jobs = jobs,
                },
                ReceivedAt = reader.Time(),
                Blind = TimeSpan.FromTicks(reader.Long()),
            };
        }

        if (!reader.AtEnd)
        {
            throw new InvalidDataException("data-center snapshot: bytes follow the last node.");
        }

        return nodes;
    }

    private ref struct Writer(IBufferWriter<byte> output)
    {
        public readonly void Byte(byte value)
        {
            output.GetSpan(1)[0] = value;
            output.Advance(1);
        }

        public readonly void VarInt(int value)
        {
            var span = output.GetSpan(5);
            var length = 0;
            var rest = (uint)value;
            while (rest >= 0x80)
            {
                span[length++] = (byte)(rest | 0x80);
                rest >>= 7;
            }

            span[length++] = (byte)rest;
            output.Advance(length);
        }

        public readonly void Double(double value)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(output.GetSpan(8), value);
            output.Advance(8);
        }

        public readonly void Long(long value)
        {
            BinaryPrimitives.WriteInt64LittleEndian(output.GetSpan(8), value);
            output.Advance(8);
        }

        public readonly void Time(DateTimeOffset value)
        {
            Long(value.UtcTicks);
            BinaryPrimitives.WriteInt16LittleEndian(output.GetSpan(2), (short)value.Offset.TotalMinutes);
            output.Advance(2);
        }

        public readonly void String(string value)
        {
            var length = Encoding.UTF8.GetByteCount(value);
            VarInt(length);
            Encoding.UTF8.GetBytes(value, output.GetSpan(length));
            output.Advance(length);
        }
    }

    private ref struct Reader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _at;

        public readonly bool AtEnd => _at == _data.Length;

        public byte Byte() => Take(1)[0];

        /// <summary>A varint that counts what follows it: each counted thing takes at least a byte, so never more than the bytes left.</summary>
        public int Count()
        {
            var value = Number();
            return value <= _data.Length - _at
                ? value
                : throw new InvalidDataException($"data-center snapshot: a count of {value} at byte {_at} is more than the {_data.Length - _at} bytes left.");
        }

        public int Number()
        {
            var value = 0u;
            for (var shift = 0; shift < 35; shift += 7)
            {
                var b = Byte();
                value |= (uint)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value <= int.MaxValue
                        ? (int)value
                        : throw new InvalidDataException($"data-center snapshot: the number {value} at byte {_at} is out of range.");
                }
            }

            throw new InvalidDataException($"data-center snapshot: a number at byte {_at} runs past five bytes.");
        }

        public double Double() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

        public long Long() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

        public DateTimeOffset Time()
        {
            var utcTicks = Long();
            var offsetMinutes = BinaryPrimitives.ReadInt16LittleEndian(Take(2));
            try
            {
                return new DateTimeOffset(utcTicks, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(offsetMinutes));
            }
            catch (ArgumentOutOfRangeException e)
            {
                throw new InvalidDataException($"data-center snapshot: a time at byte {_at} is out of range.", e);
            }
        }

        public string String() => Encoding.UTF8.GetString(Take(Count()));

        private ReadOnlySpan<byte> Take(int length)
        {
            if (length > _data.Length - _at)
            {
                throw new InvalidDataException($"data-center snapshot: it ends at byte {_data.Length}, inside a field at byte {_at}.");
            }

            var span = _data.Slice(_at, length);
            _at += length;
            return span;
        }
    }
}
