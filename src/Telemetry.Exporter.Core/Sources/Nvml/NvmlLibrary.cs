using System.Runtime.InteropServices;
using System.Text;

namespace Telemetry.Exporter.Sources.Nvml;

/// <summary>
/// <see cref="IGpuLibrary"/> over the real <c>libnvidia-ml.so.1</c>. The first call loads the library; where there
/// is none, <see cref="Init"/> answers <see cref="NvmlReturn.LibraryNotFound"/> rather than throwing.
/// </summary>
internal sealed unsafe class NvmlLibrary : IGpuLibrary
{
    private nint[] _devices = [];
    private nint _eventSet;
    private bool _initialized;
    private bool _eventReasonsMissing;

    public int DeviceCount => _devices.Length;

    public string DriverVersion
    {
        get
        {
            var buffer = stackalloc byte[NvmlNative.DriverVersionBufferSize];
            return NvmlNative.nvmlSystemGetDriverVersion(buffer, NvmlNative.DriverVersionBufferSize) == NvmlReturn.Success
                ? Text(buffer, NvmlNative.DriverVersionBufferSize)
                : "unknown";
        }
    }

    public NvmlReturn Init()
    {
        NvmlReturn code;
        try
        {
            code = NvmlNative.nvmlInit_v2();
        }
        catch (DllNotFoundException)
        {
            return NvmlReturn.LibraryNotFound;
        }
        catch (EntryPointNotFoundException)
        {
            return NvmlReturn.FunctionNotFound;
        }

        if (code != NvmlReturn.Success)
        {
            return code;
        }

        _initialized = true;
        uint count;
        code = NvmlNative.nvmlDeviceGetCount_v2(&count);
        if (code != NvmlReturn.Success)
        {
            return code;
        }

        var devices = new nint[count];
        for (uint i = 0; i < count; i++)
        {
            nint handle;
            code = NvmlNative.nvmlDeviceGetHandleByIndex_v2(i, &handle);
            if (code != NvmlReturn.Success)
            {
                return code;
            }

            devices[i] = handle;
        }

        _devices = devices;
        return NvmlReturn.Success;
    }

    public string ErrorString(NvmlReturn code)
    {
        try
        {
            return Marshal.PtrToStringUTF8(NvmlNative.nvmlErrorString(code)) ?? code.ToString();
        }
        catch (DllNotFoundException)
        {
            return code.ToString();
        }
    }

    public NvmlReturn GetIdentity(int device, out string uuid, out string name)
    {
        var buffer = stackalloc byte[NvmlNative.TextBufferSize];
        uuid = name = "";
        var code = NvmlNative.nvmlDeviceGetUUID(_devices[device], buffer, NvmlNative.TextBufferSize);
        if (code != NvmlReturn.Success)
        {
            return code;
        }

        uuid = Text(buffer, NvmlNative.TextBufferSize);
        code = NvmlNative.nvmlDeviceGetName(_devices[device], buffer, NvmlNative.TextBufferSize);
        name = code == NvmlReturn.Success ? Text(buffer, NvmlNative.TextBufferSize) : "";
        return code;
    }

    public NvmlReturn GetUtilization(int device, out uint gpuPercent, out uint memoryPercent)
    {
        NvmlUtilization rates;
        var code = NvmlNative.nvmlDeviceGetUtilizationRates(_devices[device], &rates);
        (gpuPercent, memoryPercent) = (rates.Gpu, rates.Memory);
        return code;
    }

    public NvmlReturn GetMemory(int device, out ulong totalBytes, out ulong usedBytes)
    {
        NvmlMemory memory;
        var code = NvmlNative.nvmlDeviceGetMemoryInfo(_devices[device], &memory);
        (totalBytes, usedBytes) = (memory.Total, memory.Used);
        return code;
    }

    public NvmlReturn GetGpuTemperature(int device, out uint celsius)
    {
        fixed (uint* value = &celsius)
        {
            return NvmlNative.nvmlDeviceGetTemperature(_devices[device], 0, value);
        }
    }

    public NvmlReturn GetPowerUsage(int device, out uint milliwatts)
    {
        fixed (uint* value = &milliwatts)
        {
            return NvmlNative.nvmlDeviceGetPowerUsage(_devices[device], value);
        }
    }

    public NvmlReturn GetEnforcedPowerLimit(int device, out uint milliwatts)
    {
        fixed (uint* value = &milliwatts)
        {
            return NvmlNative.nvmlDeviceGetEnforcedPowerLimit(_devices[device], value);
        }
    }

    public NvmlReturn GetClock(int device, NvmlClock clock, out uint megahertz)
    {
        fixed (uint* value = &megahertz)
        {
            return NvmlNative.nvmlDeviceGetClockInfo(_devices[device], (int)clock, value);
        }
    }

    public NvmlReturn GetClockEventReasons(int device, out ulong reasons)
    {
        fixed (ulong* value = &reasons)
        {
            // The newer name where the driver has it (the older one is deprecated and may go), else the older one.
            if (!_eventReasonsMissing)
            {
                try
                {
                    return NvmlNative.nvmlDeviceGetCurrentClocksEventReasons(_devices[device], value);
                }
                catch (EntryPointNotFoundException)
                {
                    _eventReasonsMissing = true;
                }
            }

            return NvmlNative.nvmlDeviceGetCurrentClocksThrottleReasons(_devices[device], value);
        }
    }

    public NvmlReturn GetVolatileEccErrors(int device, bool uncorrected, out ulong count)
    {
        fixed (ulong* value = &count)
        {
            return NvmlNative.nvmlDeviceGetTotalEccErrors(_devices[device], uncorrected ? 1 : 0, 0, value);
        }
    }

    public NvmlReturn GetRemappedRows(int device, out bool pending, out bool failed)
    {
        uint corrected, uncorrected, isPending, failure;
        var code = NvmlNative.nvmlDeviceGetRemappedRows(_devices[device], &corrected, &uncorrected, &isPending, &failure);
        (pending, failed) = (isPending != 0, failure != 0);
        return code;
    }

    public NvmlReturn GetPcieThroughput(int device, bool receive, out uint kilobytesPerSecond)
    {
        fixed (uint* value = &kilobytesPerSecond)
        {
            return NvmlNative.nvmlDeviceGetPcieThroughput(_devices[device], receive ? 1 : 0, value);
        }
    }

    public NvmlReturn GetPcieReplayCounter(int device, out uint count)
    {
        fixed (uint* value = &count)
        {
            return NvmlNative.nvmlDeviceGetPcieReplayCounter(_devices[device], value);
        }
    }

    public NvmlReturn GetFieldValues(int device, ReadOnlySpan<NvmlFieldRequest> requests, Span<double> values)
    {
        var fields = stackalloc NvmlFieldValue[requests.Length];
        for (var i = 0; i < requests.Length; i++)
        {
            fields[i] = new NvmlFieldValue { FieldId = requests[i].FieldId, ScopeId = requests[i].ScopeId };
        }

        var code = NvmlNative.nvmlDeviceGetFieldValues(_devices[device], requests.Length, fields);
        for (var i = 0; i < requests.Length; i++)
        {
            values[i] = code == NvmlReturn.Success ? fields[i].AsDouble() : double.NaN;
        }

        return code;
    }

    public NvmlReturn RegisterXidEvents()
    {
        nint set;
        var code = NvmlNative.nvmlEventSetCreate(&set);
        if (code != NvmlReturn.Success)
        {
            return code;
        }

        _eventSet = set;
        var registered = 0;
        foreach (var device in _devices)
        {
            // Devices without XID events answer NOT_SUPPORTED; the others still report theirs.
            if (NvmlNative.nvmlDeviceRegisterEvents(device, NvmlNative.EventTypeXidCriticalError, set) == NvmlReturn.Success)
            {
                registered++;
            }
        }

        return registered > 0 ? NvmlReturn.Success : NvmlReturn.NotSupported;
    }

    public NvmlReturn WaitForXid(uint timeoutMs, out NvmlXid xid)
    {
        xid = default;
        NvmlEventData data;
        var code = NvmlNative.nvmlEventSetWait_v2(_eventSet, &data, timeoutMs);
        if (code != NvmlReturn.Success)
        {
            return code;
        }

        if ((data.EventType & NvmlNative.EventTypeXidCriticalError) != 0)
        {
            xid = new NvmlXid(Array.IndexOf(_devices, data.Device), (int)Math.Min(data.EventData, int.MaxValue));
        }

        return NvmlReturn.Success;
    }

    public void Dispose()
    {
        if (_eventSet != 0)
        {
            _ = NvmlNative.nvmlEventSetFree(_eventSet);
            _eventSet = 0;
        }

        if (_initialized)
        {
            _ = NvmlNative.nvmlShutdown();
            _initialized = false;
        }
    }

    private static string Text(byte* buffer, int length)
    {
        var span = new ReadOnlySpan<byte>(buffer, length);
        var end = span.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? span : span[..end]);
    }
}
