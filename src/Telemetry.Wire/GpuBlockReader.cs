using System.Globalization;
using MessagePack;

namespace Telemetry.Wire;

/// <summary>Reads a report's GPU blocks: <c>[index, uuid, model, jobId, ts, values, xids]</c> each.</summary>
internal static class GpuBlockReader
{
    private const int BlockLength = 7;
    private static readonly string ExpectedShape = $"an array of {BlockLength} elements";
    private const int MaxGpuIndex = 63;

    public static GpuSamples[] ReadAll(ref MessagePackReader reader, ReportScope scope, ColumnMap map)
    {
        var count = BoundedReader.ReadArrayLength(
            ref reader, scope, "the GPU list", scope.Limits.MaxGpusPerReport, WireErrorCodes.ReportShape, WireErrorCodes.TooManyGpus);
        if (count == 0)
        {
            return [];
        }

        var gpus = new GpuSamples[count];
        var seenIndexes = 0UL;
        for (var i = 0; i < count; i++)
        {
            scope.BeginGpu(i);
            var gpu = Read(ref reader, scope, map);
            var bit = 1UL << gpu.Index;
            if ((seenIndexes & bit) != 0)
            {
                throw scope.Fail(WireErrorCodes.DuplicateGpu, $"index {gpu.Index} appears in an earlier GPU block too; each GPU is listed once");
            }

            seenIndexes |= bit;
            for (var j = 0; j < i; j++)
            {
                // Quadratic, but bounded by MaxGpusPerReport (64): cheaper than hashing.
                if (string.Equals(gpus[j].Uuid, gpu.Uuid, StringComparison.Ordinal))
                {
                    throw scope.Fail(WireErrorCodes.DuplicateGpu, $"UUID '{gpu.Uuid}' is also used by GPU {gpus[j].Index}; each GPU is listed once");
                }
            }

            gpus[i] = gpu;
        }

        scope.EndGpu();
        return gpus;
    }

    private static GpuSamples Read(ref MessagePackReader reader, ReportScope scope, ColumnMap map)
    {
        var limits = scope.Limits;
        var length = BoundedReader.ReadArrayHeader(ref reader, scope, "the GPU block", WireErrorCodes.GpuShape, ExpectedShape);
        if (length < BlockLength)
        {
            throw scope.Fail(WireErrorCodes.GpuShape, $"the GPU block has {length} elements; expected {BlockLength}: index, uuid, model, jobId, ts, values, xids");
        }

        BoundedReader.EnsureRemaining(ref reader, scope, length, "the GPU block");
        var isInteger = WireIntegers.TryReadInt64(ref reader, out var index);
        if (!isInteger || index is < 0 or > MaxGpuIndex)
        {
            var found = isInteger ? index.ToString(CultureInfo.InvariantCulture) : "not a 64-bit integer";
            throw scope.Fail(WireErrorCodes.GpuIndex, $"the GPU index is {found}; expected an integer 0–{MaxGpuIndex}");
        }

        scope.GpuIndex = (int)index;
        var uuid = BoundedReader.ReadString(ref reader, scope, "the UUID", limits.MaxStringBytes, WireErrorCodes.GpuUuid)!;
        if (uuid.Length == 0)
        {
            throw scope.Fail(WireErrorCodes.GpuUuid, "the UUID is empty; expected the GPU's UUID, e.g. 'GPU-5f2c…'");
        }

        var model = BoundedReader.ReadString(ref reader, scope, "the model name", limits.MaxStringBytes, WireErrorCodes.GpuModel, recent: scope.RecentModel)!;
        scope.RecentModel = model;
        var jobId = BoundedReader.ReadString(ref reader, scope, "the job id", limits.MaxStringBytes, WireErrorCodes.JobId, nilAllowed: true);
        var timestamps = TimestampsReader.Read(ref reader, scope);
        var values = SampleValuesReader.Read(ref reader, scope, map, timestamps.Length);
        var xids = ReadXids(ref reader, scope);
        BoundedReader.SkipValues(ref reader, scope, length - BlockLength);
        return new GpuSamples
        {
            Index = (int)index,
            Uuid = uuid,
            Model = model,
            JobId = jobId,
            Timestamps = timestamps,
            Values = values,
            Xids = xids,
        };
    }

    private static int[] ReadXids(ref MessagePackReader reader, ReportScope scope)
    {
        if (reader.TryReadNil())
        {
            return [];
        }

        var count = BoundedReader.ReadArrayLength(
            ref reader, scope, "xids", scope.Limits.MaxXidsPerGpu, WireErrorCodes.Xids, WireErrorCodes.Xids);
        if (count == 0)
        {
            return [];
        }

        var xids = new int[count];
        for (var i = 0; i < count; i++)
        {
            if (!WireIntegers.TryReadInt32(ref reader, 0, int.MaxValue, out xids[i]))
            {
                throw scope.Fail(WireErrorCodes.Xids, $"xids[{i}] is not an XID code; expected an integer 0–{int.MaxValue}");
            }
        }

        return xids;
    }
}
