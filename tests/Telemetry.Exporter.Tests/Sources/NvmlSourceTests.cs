using Microsoft.Extensions.Time.Testing;
using Telemetry.Exporter.Sources;
using Telemetry.Exporter.Sources.Nvml;
using Telemetry.Fields;

namespace Telemetry.Exporter.Tests.Sources;

public sealed class NvmlSourceTests
{
    [Fact]
    public async Task ReadAsync_ConvertsNvmlUnitsToWireFields()
    {
        var library = new FakeGpuLibrary();
        await using var source = new NvmlSource(library);
        await source.StartAsync(CancellationToken.None);

        var gpu = (await source.ReadAsync(CancellationToken.None)).Single();

        Assert.Equal("GPU-11111111-2222-3333-4444-555555555555", gpu.Uuid);
        Assert.Equal("NVIDIA H200", gpu.Model);
        Assert.Equal(87, Value(gpu, FieldCatalog.GpuUtilPct));
        Assert.Equal(33, Value(gpu, FieldCatalog.MemCopyUtilPct));
        Assert.Equal(80_000, Value(gpu, FieldCatalog.FbUsedMib));
        Assert.Equal(143_771, Value(gpu, FieldCatalog.FbTotalMib));
        Assert.Equal(58, Value(gpu, FieldCatalog.GpuTempC));
        Assert.Equal(66, Value(gpu, FieldCatalog.MemTempC));
        Assert.Equal(512.345, Value(gpu, FieldCatalog.PowerW), 6);
        Assert.Equal(700, Value(gpu, FieldCatalog.PowerLimitW));
        Assert.Equal(1980, Value(gpu, FieldCatalog.SmClockMhz));
        Assert.Equal(3201, Value(gpu, FieldCatalog.MemClockMhz));
        Assert.Equal(4, Value(gpu, FieldCatalog.ClockEventReasons));
        Assert.Equal(1000 * 1024, Value(gpu, FieldCatalog.PcieTxBytesPerSec));
        Assert.Equal(2000 * 1024, Value(gpu, FieldCatalog.PcieRxBytesPerSec));
        Assert.Equal(0, Value(gpu, FieldCatalog.RowRemapPending));
        Assert.Equal(0, Value(gpu, FieldCatalog.RowRemapFailure));

        // Counters are running totals here; the report builder makes deltas of them.
        Assert.Equal(10, Value(gpu, FieldCatalog.EccSbeDelta));
        Assert.Equal(0, Value(gpu, FieldCatalog.EccDbeDelta));
        Assert.Equal(5, Value(gpu, FieldCatalog.PcieReplayDelta));
        Assert.Equal(7, Value(gpu, FieldCatalog.NvlinkCrcErrorsDelta));
        Assert.True(double.IsNaN(Value(gpu, FieldCatalog.SmActive)));
        Assert.True(double.IsNaN(Value(gpu, FieldCatalog.TensorActive)));
    }

    [Fact]
    public async Task ReadAsync_NotSupported_IsNaN_AndTheRestIsRead()
    {
        var library = new FakeGpuLibrary();
        library.Unsupported.UnionWith([nameof(IGpuLibrary.GetRemappedRows), nameof(IGpuLibrary.GetPcieThroughput), $"field {NvmlFieldRequest.MemoryTemperature}"]);
        await using var source = new NvmlSource(library);
        await source.StartAsync(CancellationToken.None);

        var gpu = (await source.ReadAsync(CancellationToken.None)).Single();

        Assert.True(double.IsNaN(Value(gpu, FieldCatalog.RowRemapPending)));
        Assert.True(double.IsNaN(Value(gpu, FieldCatalog.RowRemapFailure)));
        Assert.True(double.IsNaN(Value(gpu, FieldCatalog.PcieTxBytesPerSec)));
        Assert.True(double.IsNaN(Value(gpu, FieldCatalog.MemTempC)));
        Assert.Equal(58, Value(gpu, FieldCatalog.GpuTempC));
    }

    [Fact]
    public async Task ReadAsync_NvlinkCounters_BecomeBytesPerSecondBetweenReadings()
    {
        var time = new FakeTimeProvider();
        var library = new FakeGpuLibrary();
        await using var source = new NvmlSource(library, time);
        await source.StartAsync(CancellationToken.None);

        var first = (await source.ReadAsync(CancellationToken.None)).Single();
        library.NvlinkTxKib += 4_096;
        library.NvlinkRxKib += 1_024;
        time.Advance(TimeSpan.FromSeconds(2));
        var second = (await source.ReadAsync(CancellationToken.None)).Single();

        Assert.True(double.IsNaN(Value(first, FieldCatalog.NvlinkTxBytesPerSec)));
        Assert.Equal(4_096 * 1024 / 2, Value(second, FieldCatalog.NvlinkTxBytesPerSec));
        Assert.Equal(1_024 * 1024 / 2, Value(second, FieldCatalog.NvlinkRxBytesPerSec));
    }

    [Fact]
    public async Task ReadAsync_XidFromTheEventSet_GoesToItsGpusNextReadingOnce()
    {
        var library = new FakeGpuLibrary();
        library.Devices.Add(("GPU-22222222-2222-3333-4444-555555555555", "NVIDIA H200"));
        await using var source = new NvmlSource(library);
        await source.StartAsync(CancellationToken.None);

        library.RaiseXid(1, 79);
        var readings = await SourcePolling.ReadUntilAsync(source, r => r[1].Xids.Count > 0);
        var next = await source.ReadAsync(CancellationToken.None);

        Assert.Empty(readings[0].Xids);
        Assert.Equal([79], readings[1].Xids);
        Assert.Empty(next[1].Xids);
        Assert.Contains("XID events on", source.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_NoLibrary_SaysLibnvidiaMlWasNotFoundAndWhatToDo()
    {
        await using var source = new NvmlSource(new FakeGpuLibrary { InitResult = NvmlReturn.LibraryNotFound });

        var e = await Assert.ThrowsAsync<GpuSourceException>(() => source.StartAsync(CancellationToken.None));

        Assert.StartsWith("libnvidia-ml.so.1 was not found", e.Message, StringComparison.Ordinal);
        Assert.Contains("--source nvidia-smi", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public async Task ReadAsync_DriverWithoutEventWait_ReadsOnWithoutXids()
    {
        var library = new FakeGpuLibrary { LacksEventWait = true };
        await using var source = new NvmlSource(library);
        await source.StartAsync(CancellationToken.None);

        library.RaiseXid(0, 79);
        await Task.Delay(50);
        var gpu = (await source.ReadAsync(CancellationToken.None)).Single();

        Assert.Empty(gpu.Xids);
        Assert.Equal(58, Value(gpu, FieldCatalog.GpuTempC));
    }

    [Fact]
    public async Task StartAsync_NoGpus_SaysSo()
    {
        var library = new FakeGpuLibrary();
        library.Devices.Clear();
        await using var source = new NvmlSource(library);

        var e = await Assert.ThrowsAsync<GpuSourceException>(() => source.StartAsync(CancellationToken.None));

        Assert.Equal("NVML sees no GPUs on this host.", e.Message);
    }

    [Fact]
    public async Task DisposeAsync_ShutsNvmlDown()
    {
        var library = new FakeGpuLibrary();
        var source = new NvmlSource(library);
        await source.StartAsync(CancellationToken.None);

        await source.DisposeAsync();

        Assert.True(library.Disposed);
    }

    private static double Value(GpuReading reading, int field) => reading.Values[field - 1];
}
