using System.Collections.Concurrent;
using Telemetry.Fields;

namespace Telemetry.Exporter.Sources.Nvml;

/// <summary>
/// Reads every GPU through NVML: utilization, memory, temperatures, power and limit, clocks, clock event reasons,
/// volatile ECC counts, remapped rows, PCIe throughput and replays, NVLink throughput and CRC errors. A value the
/// GPU does not support (or any failed call) is NaN. XIDs come from an NVML event set, waited on by a thread of
/// its own and handed to the next reading of their GPU. <c>sm_active</c> and <c>tensor_active</c> need DCGM's
/// profiling module and stay NaN here.
/// </summary>
internal sealed class NvmlSource(IGpuLibrary library, TimeProvider? timeProvider = null) : IGpuSource
{
    private const double MiB = 1024 * 1024;
    private const uint XidWaitMs = 500;

    private static readonly NvmlFieldRequest[] Fields =
    [
        new(NvmlFieldRequest.MemoryTemperature),
        new(NvmlFieldRequest.NvlinkCrcFlitErrorsTotal),
        new(NvmlFieldRequest.NvlinkDataTxKib, NvmlFieldRequest.AllLinks),
        new(NvmlFieldRequest.NvlinkDataRxKib, NvmlFieldRequest.AllLinks),
    ];

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly ConcurrentQueue<NvmlXid> _xids = new();
    private readonly CancellationTokenSource _stop = new();
    private (string Uuid, string Name)[] _identities = [];
    private NvlinkRate[] _nvlink = [];
    private Thread? _xidThread;

    public string Description { get; private set; } = "nvml";

    public Task StartAsync(CancellationToken ct)
    {
        try
        {
            Start();
        }
        catch (EntryPointNotFoundException e)
        {
            throw new GpuSourceException($"The NVIDIA driver's libnvidia-ml.so.1 is too old for this exporter ({e.Message}); update the driver or use --source nvidia-smi.", e);
        }

        return Task.CompletedTask;
    }

    private void Start()
    {
        var code = library.Init();
        switch (code)
        {
            case NvmlReturn.Success:
                break;
            case NvmlReturn.LibraryNotFound:
                throw new GpuSourceException(
                    "libnvidia-ml.so.1 was not found: this host has no NVIDIA driver, or it is not on the loader path. " +
                    "Install the NVIDIA driver (its libnvidia-ml.so.1 comes with it), or run with --source nvidia-smi or --source dcgm-exporter=<url>.");
            case NvmlReturn.DriverNotLoaded:
                throw new GpuSourceException("NVML found no running NVIDIA kernel driver (NVML_ERROR_DRIVER_NOT_LOADED): load it (modprobe nvidia) or check `nvidia-smi`.");
            case NvmlReturn.NoPermission:
                throw new GpuSourceException("NVML refused access (NVML_ERROR_NO_PERMISSION): run the exporter as a user that may open /dev/nvidia*.");
            default:
                throw new GpuSourceException($"NVML could not start: {library.ErrorString(code)} ({(int)code}).");
        }

        if (library.DeviceCount == 0)
        {
            throw new GpuSourceException("NVML sees no GPUs on this host.");
        }

        _identities = new (string, string)[library.DeviceCount];
        for (var i = 0; i < _identities.Length; i++)
        {
            code = library.GetIdentity(i, out var uuid, out var name);
            if (code != NvmlReturn.Success || uuid.Length == 0)
            {
                throw new GpuSourceException($"NVML could not read GPU {i}'s UUID: {library.ErrorString(code)} ({(int)code}).");
            }

            _identities[i] = (uuid, name);
        }

        _nvlink = new NvlinkRate[_identities.Length];
        var xids = library.RegisterXidEvents() == NvmlReturn.Success;
        if (xids)
        {
            _xidThread = new Thread(WaitForXids) { IsBackground = true, Name = "nvml-xid-events" };
            _xidThread.Start();
        }

        Description = $"nvml ({_identities.Length} GPUs, driver {library.DriverVersion}, XID events {(xids ? "on" : "not supported")})";
    }

    public Task<IReadOnlyList<GpuReading>> ReadAsync(CancellationToken ct)
    {
        var xids = DrainXids();
        var nowSeconds = _time.GetTimestamp() / (double)_time.TimestampFrequency;
        var readings = new GpuReading[_identities.Length];
        Span<double> fields = stackalloc double[Fields.Length];
        for (var i = 0; i < readings.Length; i++)
        {
            var values = GpuReading.EmptyValues();
            try
            {
                ReadDevice(i, values);
                library.GetFieldValues(i, Fields, fields);
            }
            catch (EntryPointNotFoundException e)
            {
                throw new GpuSourceException($"The NVIDIA driver's libnvidia-ml.so.1 lacks a call this exporter makes ({e.Message}); update the driver.", e);
            }

            values[FieldCatalog.MemTempC - 1] = fields[0];
            values[FieldCatalog.NvlinkCrcErrorsDelta - 1] = fields[1];
            (values[FieldCatalog.NvlinkTxBytesPerSec - 1], values[FieldCatalog.NvlinkRxBytesPerSec - 1]) =
                _nvlink[i].Next(fields[2], fields[3], nowSeconds);
            readings[i] = new GpuReading
            {
                Index = i,
                Uuid = _identities[i].Uuid,
                Model = _identities[i].Name,
                Values = values,
                Xids = xids[i] ?? [],
            };
        }

        return Task.FromResult<IReadOnlyList<GpuReading>>(readings);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _xidThread?.Join(TimeSpan.FromMilliseconds(2 * XidWaitMs));
        library.Dispose();
        _stop.Dispose();
    }

    private void ReadDevice(int device, double[] values)
    {
        if (library.GetUtilization(device, out var gpu, out var memory) == NvmlReturn.Success)
        {
            values[FieldCatalog.GpuUtilPct - 1] = gpu;
            values[FieldCatalog.MemCopyUtilPct - 1] = memory;
        }

        if (library.GetMemory(device, out var total, out var used) == NvmlReturn.Success)
        {
            values[FieldCatalog.FbUsedMib - 1] = used / MiB;
            values[FieldCatalog.FbTotalMib - 1] = total / MiB;
        }

        Set(values, FieldCatalog.GpuTempC, library.GetGpuTemperature(device, out var temp), temp);
        Set(values, FieldCatalog.PowerW, library.GetPowerUsage(device, out var power), power / 1000.0);
        Set(values, FieldCatalog.PowerLimitW, library.GetEnforcedPowerLimit(device, out var limit), limit / 1000.0);
        Set(values, FieldCatalog.SmClockMhz, library.GetClock(device, NvmlClock.Sm, out var sm), sm);
        Set(values, FieldCatalog.MemClockMhz, library.GetClock(device, NvmlClock.Memory, out var mem), mem);
        Set(values, FieldCatalog.ClockEventReasons, library.GetClockEventReasons(device, out var reasons), reasons);

        // NVML's KB here is 1,024 bytes, as everywhere in nvml.h's throughput units.
        Set(values, FieldCatalog.PcieTxBytesPerSec, library.GetPcieThroughput(device, receive: false, out var tx), tx * 1024.0);
        Set(values, FieldCatalog.PcieRxBytesPerSec, library.GetPcieThroughput(device, receive: true, out var rx), rx * 1024.0);
        Set(values, FieldCatalog.EccSbeDelta, library.GetVolatileEccErrors(device, uncorrected: false, out var sbe), sbe);
        Set(values, FieldCatalog.EccDbeDelta, library.GetVolatileEccErrors(device, uncorrected: true, out var dbe), dbe);
        Set(values, FieldCatalog.PcieReplayDelta, library.GetPcieReplayCounter(device, out var replays), replays);
        if (library.GetRemappedRows(device, out var pending, out var failed) == NvmlReturn.Success)
        {
            values[FieldCatalog.RowRemapPending - 1] = pending ? 1 : 0;
            values[FieldCatalog.RowRemapFailure - 1] = failed ? 1 : 0;
        }
    }

    private static void Set(double[] values, int field, NvmlReturn code, double value)
    {
        if (code == NvmlReturn.Success)
        {
            values[field - 1] = value;
        }
    }

    private List<int>?[] DrainXids()
    {
        var byDevice = new List<int>?[_identities.Length];
        while (_xids.TryDequeue(out var xid))
        {
            if (xid.Device >= 0 && xid.Device < byDevice.Length && xid.Code > 0)
            {
                (byDevice[xid.Device] ??= []).Add(xid.Code);
            }
        }

        return byDevice;
    }

    private void WaitForXids()
    {
        while (!_stop.IsCancellationRequested)
        {
            NvmlReturn code;
            NvmlXid xid;
            try
            {
                code = library.WaitForXid(XidWaitMs, out xid);
            }
            catch (EntryPointNotFoundException)
            {
                // A driver without nvmlEventSetWait_v2: no XIDs, readings go on.
                return;
            }

            if (code == NvmlReturn.Success)
            {
                _xids.Enqueue(xid);
            }
            else if (code != NvmlReturn.Timeout)
            {
                // GPU lost, driver gone: do not spin; readings go on and say what they can.
                _stop.Token.WaitHandle.WaitOne(TimeSpan.FromSeconds(1));
            }
        }
    }
}
