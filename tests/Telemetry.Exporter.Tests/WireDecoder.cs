using MessagePack;

namespace Telemetry.Exporter.Tests;

/// <summary>
/// An independent reader of WIRE.md's NodeReport, written from the spec with <see cref="MessagePackReader"/>,
/// so encoding tests check the bytes rather than the encoder against itself.
/// </summary>
internal static class WireDecoder
{
    public static List<DecodedReport> DecodeAll(ReadOnlyMemory<byte> body)
    {
        var reader = new MessagePackReader(body);
        var reports = new List<DecodedReport>();
        while (!reader.End)
        {
            reports.Add(ReadReport(ref reader));
        }

        return reports;
    }

    private static DecodedReport ReadReport(ref MessagePackReader reader)
    {
        var length = reader.ReadArrayHeader();
        var version = reader.ReadInt32();
        var nodeId = reader.ReadString()!;
        var seq = reader.ReadUInt64();
        var bootId = reader.ReadString()!;
        var fields = new int[reader.ReadArrayHeader()];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = reader.ReadInt32();
        }

        var gpus = new DecodedGpu[reader.ReadArrayHeader()];
        for (var i = 0; i < gpus.Length; i++)
        {
            gpus[i] = ReadGpu(ref reader);
        }

        var gauges = new Dictionary<string, double>(StringComparer.Ordinal);
        if (!reader.TryReadNil())
        {
            var count = reader.ReadMapHeader();
            for (var i = 0; i < count; i++)
            {
                gauges[reader.ReadString()!] = reader.ReadDouble();
            }
        }

        // Position 7, hostBootId, is optional; anything after it is skipped as the contract says.
        var hostBootId = length > 7 ? reader.ReadString() : null;
        for (var i = 8; i < length; i++)
        {
            reader.Skip();
        }

        return new DecodedReport(length, version, nodeId, seq, bootId, fields, gpus, gauges, hostBootId);
    }

    private static DecodedGpu ReadGpu(ref MessagePackReader reader)
    {
        Assert.Equal(7, reader.ReadArrayHeader());
        var index = reader.ReadInt32();
        var uuid = reader.ReadString()!;
        var model = reader.ReadString()!;
        var jobId = reader.TryReadNil() ? null : reader.ReadString();
        var ts = new long[reader.ReadArrayHeader()];
        for (var i = 0; i < ts.Length; i++)
        {
            ts[i] = reader.ReadInt64();
        }

        var values = new double[reader.ReadArrayHeader()];
        var allFloat32 = true;
        for (var i = 0; i < values.Length; i++)
        {
            allFloat32 &= reader.NextCode == MessagePackCode.Float32;
            values[i] = reader.ReadDouble();
        }

        int[] xids = [];
        if (!reader.TryReadNil())
        {
            xids = new int[reader.ReadArrayHeader()];
            for (var i = 0; i < xids.Length; i++)
            {
                xids[i] = reader.ReadInt32();
            }
        }

        return new DecodedGpu(index, uuid, model, jobId, ts, values, xids, allFloat32);
    }
}
