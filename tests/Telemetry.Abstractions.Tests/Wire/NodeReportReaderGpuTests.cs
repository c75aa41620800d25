using Telemetry.Wire;

namespace Telemetry.Abstractions.Tests.Wire;

public class NodeReportReaderGpuTests
{
    [Fact]
    public void TryReadAll_SixtyFourGpus_Accepted()
    {
        var report = Assert.Single(WireAssert.Accepted(WithGpus(64).ToBody()));

        Assert.Equal(64, report.Gpus.Length);
        Assert.Equal(63, report.Gpus[63].Index);
    }

    [Fact]
    public void TryReadAll_SixtyFiveGpus_RejectsTooManyGpus()
    {
        var error = WireAssert.Rejected(WithGpus(65).ToBody(), WireErrorCodes.TooManyGpus);

        Assert.Contains("65", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void TryReadAll_GpuBlockOfSixElements_RejectsShape()
    {
        var raw = new RawReport();
        raw.Gpus[0].DeclaredLength = 6;

        WireAssert.Rejected(raw.ToBody(), WireErrorCodes.GpuShape);
        WireAssert.Rejected(new RawReport { GpuList = Encode.Ints(0) }.ToBody(), WireErrorCodes.GpuShape);
    }

    [Theory]
    [InlineData(64L)]
    [InlineData(-1L)]
    [InlineData(long.MaxValue)]
    public void TryReadAll_GpuIndexOutOfRange_RejectsIndex(long index)
    {
        var raw = new RawReport();
        raw.Gpus[0].Index = Encode.Int(index);

        var error = WireAssert.Rejected(raw.ToBody(), WireErrorCodes.GpuIndex);

        Assert.Contains("GPU block #0", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void TryReadAll_GpuIndexNotInteger_RejectsIndex()
    {
        var raw = new RawReport();
        raw.Gpus[0].Index = Encode.Str("0");

        WireAssert.Rejected(raw.ToBody(), WireErrorCodes.GpuIndex);
    }

    [Fact]
    public void TryReadAll_DuplicateIndex_RejectsDuplicate()
    {
        var raw = new RawReport();
        raw.Gpus.Add(new RawGpu(1) { Index = Encode.Int(0) });

        WireAssert.Rejected(raw.ToBody(), WireErrorCodes.DuplicateGpu);
    }

    [Fact]
    public void TryReadAll_DuplicateUuid_RejectsDuplicate()
    {
        var raw = new RawReport();
        raw.Gpus.Add(new RawGpu(1) { Uuid = Encode.Str("GPU-0000-5f2c") });

        var error = WireAssert.Rejected(raw.ToBody(), WireErrorCodes.DuplicateGpu);

        Assert.Contains("GPU 1", error.Detail, StringComparison.Ordinal);
        Assert.Contains("GPU-0000-5f2c", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void TryReadAll_BadUuid_RejectsUuid()
    {
        WireAssert.Rejected(WithGpu(g => g.Uuid = Encode.Str("")), WireErrorCodes.GpuUuid);
        WireAssert.Rejected(WithGpu(g => g.Uuid = Encode.Nil), WireErrorCodes.GpuUuid);
        WireAssert.Rejected(WithGpu(g => g.Uuid = Encode.Raw(0xa2, 0xc3, 0x28)), WireErrorCodes.GpuUuid); // invalid UTF-8
    }

    [Fact]
    public void TryReadAll_BadModel_RejectsModel()
    {
        WireAssert.Rejected(WithGpu(g => g.Model = Encode.Int(200)), WireErrorCodes.GpuModel);
        WireAssert.Rejected(WithGpu(g => g.Model = Encode.Nil), WireErrorCodes.GpuModel);
        WireAssert.Rejected(WithGpu(g => g.Model = Encode.Str(new string('m', 257))), WireErrorCodes.GpuModel);
    }

    [Fact]
    public void TryReadAll_BadJobId_RejectsJobId()
    {
        WireAssert.Rejected(WithGpu(g => g.JobId = Encode.Int(17)), WireErrorCodes.JobId);
        var report = Assert.Single(WireAssert.Accepted(WithGpu(g => g.JobId = Encode.Str("job-17"))));
        Assert.Equal("job-17", report.Gpus[0].JobId);
    }

    [Fact]
    public void TryReadAll_TimestampAtSkewLimit_Accepted()
    {
        var limit = RawReport.NowMs + (long)new WireLimits().MaxClockSkew.TotalMilliseconds;

        WireAssert.Accepted(WithGpu(g => g.Ts = Encode.Ints(RawReport.NowMs, limit)));
    }

    [Fact]
    public void TryReadAll_TimestampPastSkewLimit_RejectsTimestamps()
    {
        var limit = RawReport.NowMs + (long)new WireLimits().MaxClockSkew.TotalMilliseconds;

        var error = WireAssert.Rejected(WithGpu(g => g.Ts = Encode.Ints(RawReport.NowMs, limit + 1)), WireErrorCodes.Timestamps);

        Assert.Contains("ts[1]", error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1_000L, 2_000L)]
    [InlineData(1_000L, 1_000L)]
    public void TryReadAll_TimestampsNotStrictlyAscending_RejectsTimestamps(long first, long second)
    {
        WireAssert.Rejected(WithGpu(g => g.Ts = Encode.Ints(RawReport.NowMs - first, RawReport.NowMs - second)), WireErrorCodes.Timestamps);
    }

    [Fact]
    public void TryReadAll_BadTimestamps_RejectsTimestamps()
    {
        WireAssert.Rejected(WithGpu(g => g.Ts = Encode.Ints()), WireErrorCodes.Timestamps);
        WireAssert.Rejected(WithGpu(g => g.Ts = Encode.Doubles(1, 2)), WireErrorCodes.Timestamps);
        WireAssert.Rejected(WithGpu(g => g.Ts = Encode.Nil), WireErrorCodes.Timestamps);
        WireAssert.Rejected(WithGpu(g => g.Ts = Encode.Array(Encode.Int(1), Encode.UInt(ulong.MaxValue))), WireErrorCodes.Timestamps);
    }

    [Fact]
    public void TryReadAll_MoreSamplesThanLimit_RejectsTimestamps()
    {
        WireAssert.Rejected(new RawReport().ToBody(), WireErrorCodes.Timestamps, limits: new WireLimits { MaxSamplesPerGpu = 1 });
    }

    [Theory]
    [InlineData(5)]
    [InlineData(7)]
    public void TryReadAll_ValuesLengthOffByOne_RejectsValuesLength(int count)
    {
        var values = Enumerable.Range(0, count).Select(i => (double)i).ToArray();

        var error = WireAssert.Rejected(WithGpu(g => g.Values = Encode.Doubles(values)), WireErrorCodes.ValuesLength);

        Assert.Contains($"values has {count} numbers; expected S × F = 2 × 3 = 6", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void TryReadAll_ValuesNotAnArray_RejectsValuesLength()
    {
        WireAssert.Rejected(WithGpu(g => g.Values = Encode.Nil), WireErrorCodes.ValuesLength);
    }

    [Fact]
    public void TryReadAll_ValueNotANumber_RejectsValuesType()
    {
        var error = WireAssert.Rejected(
            WithGpu(g => g.Values = Encode.Array(Encode.Int(1), Encode.Int(2), Encode.Int(3), Encode.Int(4), Encode.Str("5"), Encode.Int(6))),
            WireErrorCodes.ValuesType);

        Assert.Contains("values[4] (sample 1, column 1)", error.Detail, StringComparison.Ordinal);
        WireAssert.Rejected(WithGpu(g => g.Values = Encode.Array(Encode.Nil, Encode.Int(2), Encode.Int(3), Encode.Int(4), Encode.Int(5), Encode.Int(6))), WireErrorCodes.ValuesType);
    }

    [Fact]
    public void TryReadAll_InfiniteValue_RejectsValuesType()
    {
        WireAssert.Rejected(WithGpu(g => g.Values = Encode.Doubles(1, 2, double.PositiveInfinity, 4, 5, 6)), WireErrorCodes.ValuesType);
        var negativeFloat32 = Encode.Raw(0xca, 0xff, 0x80, 0x00, 0x00);
        WireAssert.Rejected(WithGpu(g => g.Values = Encode.Array(Encode.Int(1), Encode.Int(2), Encode.Int(3), Encode.Int(4), Encode.Int(5), negativeFloat32)), WireErrorCodes.ValuesType);
    }

    [Fact]
    public void TryReadAll_Xids_KeepsCodes()
    {
        var report = Assert.Single(WireAssert.Accepted(WithGpu(g => g.Xids = Encode.Ints(79, 48))));

        Assert.Equal([79, 48], report.Gpus[0].Xids);
    }

    [Fact]
    public void TryReadAll_BadXids_RejectsXids()
    {
        WireAssert.Rejected(WithGpu(g => g.Xids = Encode.Ints(79, -1)), WireErrorCodes.Xids);
        WireAssert.Rejected(WithGpu(g => g.Xids = Encode.Ints(1L << 31)), WireErrorCodes.Xids);
        WireAssert.Rejected(WithGpu(g => g.Xids = Encode.Str("79")), WireErrorCodes.Xids);
        WireAssert.Rejected(WithGpu(g => g.Xids = Encode.Ints(1, 2)), WireErrorCodes.Xids, limits: new WireLimits { MaxXidsPerGpu = 1 });
    }

    private static RawReport WithGpus(int count)
    {
        var raw = new RawReport();
        raw.Gpus.Clear();
        for (var i = 0; i < count; i++)
        {
            raw.Gpus.Add(new RawGpu(i % 64) { Uuid = Encode.Str($"GPU-{i}") });
        }

        return raw;
    }

    private static byte[] WithGpu(Action<RawGpu> change)
    {
        var raw = new RawReport();
        change(raw.Gpus[0]);
        return raw.ToBody();
    }
}
