using System.Collections.Concurrent;
using Telemetry.Exporter.Sources.Nvml;

namespace Telemetry.Exporter.Tests.Sources;

/// <summary>
/// An NVML stand-in with every value settable. Devices answer in NVML's units (mW, bytes, KB/s, KiB counters);
/// calls listed in <see cref="Unsupported"/> answer NOT_SUPPORTED, as real GPUs do for what they lack.
/// </summary>
internal sealed class FakeGpuLibrary : IGpuLibrary
{
    private readonly BlockingCollection<NvmlXid> _xids = [];

    public NvmlReturn InitResult { get; set; } = NvmlReturn.Success;

    public List<(string Uuid, string Name)> Devices { get; } = [("GPU-11111111-2222-3333-4444-555555555555", "NVIDIA H200")];

    public HashSet<string> Unsupported { get; } = [];

    public uint UtilGpu { get; set; } = 87;

    public uint UtilMemory { get; set; } = 33;

    public ulong MemoryTotal { get; set; } = 143_771UL << 20;

    public ulong MemoryUsed { get; set; } = 80_000UL << 20;

    public uint TemperatureC { get; set; } = 58;

    public uint PowerMw { get; set; } = 512_345;

    public uint PowerLimitMw { get; set; } = 700_000;

    public ulong Reasons { get; set; } = 0x4;

    public ulong EccCorrected { get; set; } = 10;

    public ulong EccUncorrected { get; set; }

    public bool RemapPending { get; set; }

    public bool RemapFailed { get; set; }

    public uint PcieTxKbps { get; set; } = 1000;

    public uint PcieReplays { get; set; } = 5;

    public double MemoryTempC { get; set; } = 66;

    public double NvlinkCrcTotal { get; set; } = 7;

    public double NvlinkTxKib { get; set; } = 1_000;

    public double NvlinkRxKib { get; set; } = 2_000;

    public bool XidEventsSupported { get; set; } = true;

    /// <summary>Acts as a driver without nvmlEventSetWait_v2.</summary>
    public bool LacksEventWait { get; set; }

    public bool Disposed { get; private set; }

    public int DeviceCount => InitResult == NvmlReturn.Success ? Devices.Count : 0;

    public string DriverVersion => "570.86.15";

    public NvmlReturn Init() => InitResult;

    public string ErrorString(NvmlReturn code) => $"fake {code}";

    public void RaiseXid(int device, int code) => _xids.Add(new NvmlXid(device, code));

    public NvmlReturn GetIdentity(int device, out string uuid, out string name)
    {
        (uuid, name) = Devices[device];
        return NvmlReturn.Success;
    }

    public NvmlReturn GetUtilization(int device, out uint gpuPercent, out uint memoryPercent)
    {
        (gpuPercent, memoryPercent) = (UtilGpu, UtilMemory);
        return Answer(nameof(GetUtilization));
    }

    public NvmlReturn GetMemory(int device, out ulong totalBytes, out ulong usedBytes)
    {
        (totalBytes, usedBytes) = (MemoryTotal, MemoryUsed);
        return Answer(nameof(GetMemory));
    }

    public NvmlReturn GetGpuTemperature(int device, out uint celsius)
    {
        celsius = TemperatureC;
        return Answer(nameof(GetGpuTemperature));
    }

    public NvmlReturn GetPowerUsage(int device, out uint milliwatts)
    {
        milliwatts = PowerMw;
        return Answer(nameof(GetPowerUsage));
    }

    public NvmlReturn GetEnforcedPowerLimit(int device, out uint milliwatts)
    {
        milliwatts = PowerLimitMw;
        return Answer(nameof(GetEnforcedPowerLimit));
    }

    public NvmlReturn GetClock(int device, NvmlClock clock, out uint megahertz)
    {
        megahertz = clock == NvmlClock.Sm ? 1980u : 3201u;
        return Answer(nameof(GetClock));
    }

    public NvmlReturn GetClockEventReasons(int device, out ulong reasons)
    {
        reasons = Reasons;
        return Answer(nameof(GetClockEventReasons));
    }

    public NvmlReturn GetVolatileEccErrors(int device, bool uncorrected, out ulong count)
    {
        count = uncorrected ? EccUncorrected : EccCorrected;
        return Answer(nameof(GetVolatileEccErrors));
    }

    public NvmlReturn GetRemappedRows(int device, out bool pending, out bool failed)
    {
        (pending, failed) = (RemapPending, RemapFailed);
        return Answer(nameof(GetRemappedRows));
    }

    public NvmlReturn GetPcieThroughput(int device, bool receive, out uint kilobytesPerSecond)
    {
        kilobytesPerSecond = receive ? PcieTxKbps * 2 : PcieTxKbps;
        return Answer(nameof(GetPcieThroughput));
    }

    public NvmlReturn GetPcieReplayCounter(int device, out uint count)
    {
        count = PcieReplays;
        return Answer(nameof(GetPcieReplayCounter));
    }

    public NvmlReturn GetFieldValues(int device, ReadOnlySpan<NvmlFieldRequest> requests, Span<double> values)
    {
        for (var i = 0; i < requests.Length; i++)
        {
            values[i] = Unsupported.Contains($"field {requests[i].FieldId}") ? double.NaN : requests[i] switch
            {
                { FieldId: NvmlFieldRequest.MemoryTemperature } => MemoryTempC,
                { FieldId: NvmlFieldRequest.NvlinkCrcFlitErrorsTotal } => NvlinkCrcTotal,
                { FieldId: NvmlFieldRequest.NvlinkDataTxKib, ScopeId: NvmlFieldRequest.AllLinks } => NvlinkTxKib,
                { FieldId: NvmlFieldRequest.NvlinkDataRxKib, ScopeId: NvmlFieldRequest.AllLinks } => NvlinkRxKib,
                _ => double.NaN,
            };
        }

        return NvmlReturn.Success;
    }

    public NvmlReturn RegisterXidEvents() => XidEventsSupported ? NvmlReturn.Success : NvmlReturn.NotSupported;

    public NvmlReturn WaitForXid(uint timeoutMs, out NvmlXid xid) =>
        LacksEventWait ? throw new EntryPointNotFoundException("nvmlEventSetWait_v2")
        : _xids.TryTake(out xid, (int)timeoutMs) ? NvmlReturn.Success : NvmlReturn.Timeout;

    public void Dispose()
    {
        Disposed = true;
        _xids.Dispose();
    }

    private NvmlReturn Answer(string call) => Unsupported.Contains(call) ? NvmlReturn.NotSupported : NvmlReturn.Success;
}
