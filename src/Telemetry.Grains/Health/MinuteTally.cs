using Telemetry.Grains.Windows;

namespace Telemetry.Grains.Health;

/// <summary>
/// Per-second totals over the last minute of sample time for the rate and share rules: samples
/// that measured clock_event_reasons, those of them throttled, and PCIe replay and NVLink CRC deltas.
/// The last minute is the 1-second buckets floor((newest − 60 s) / 1 s) … floor(newest / 1 s)
/// (60–61 s of sample time), the same rounding as the GPU windows.
/// </summary>
internal sealed class MinuteTally
{
    private const long WidthMs = 1_000;
    private const long MinuteMs = 60_000;
    private const int Slots = 61;

    private readonly BucketRing _ring = new(WidthMs, Slots);
    private readonly int[] _clockSamples = new int[Slots];
    private readonly int[] _throttled = new int[Slots];

    // Error deltas are almost always 0: their arrays exist only once a GPU has counted one.
    private double[]? _pcieReplays;
    private double[]? _nvlinkCrc;

    /// <summary>Adds one sample; NaN arguments are not measured and add nothing.</summary>
    public void Add(long timestampMs, double clockEventReasons, double pcieReplays, double nvlinkCrc)
    {
        var slot = _ring.Claim(BucketMath.BucketOf(timestampMs, WidthMs), out var evicted);
        if (slot < 0)
        {
            return;
        }

        if (evicted != long.MinValue)
        {
            _clockSamples[slot] = 0;
            _throttled[slot] = 0;
            _pcieReplays?[slot] = 0;
            _nvlinkCrc?[slot] = 0;
        }

        if (!double.IsNaN(clockEventReasons))
        {
            _clockSamples[slot]++;
            if (((long)clockEventReasons & (long)Fields.ClockEventReasons.Throttling) != 0)
            {
                _throttled[slot]++;
            }
        }

        if (!double.IsNaN(pcieReplays) && pcieReplays != 0)
        {
            (_pcieReplays ??= new double[Slots])[slot] += pcieReplays;
        }

        if (!double.IsNaN(nvlinkCrc) && nvlinkCrc != 0)
        {
            (_nvlinkCrc ??= new double[Slots])[slot] += nvlinkCrc;
        }
    }

    /// <summary>Totals over the last minute, ending at <paramref name="newestMs"/>.</summary>
    public (int ClockSamples, int Throttled, double PcieReplays, double NvlinkCrc) LastMinute(long newestMs)
    {
        int clock = 0, throttled = 0;
        double replays = 0, crc = 0;
        var last = BucketMath.BucketOf(newestMs, WidthMs);
        for (var bucket = BucketMath.BucketOf(newestMs - MinuteMs, WidthMs); bucket <= last; bucket++)
        {
            var slot = _ring.Find(bucket);
            if (slot < 0)
            {
                continue;
            }

            clock += _clockSamples[slot];
            throttled += _throttled[slot];
            replays += _pcieReplays?[slot] ?? 0;
            crc += _nvlinkCrc?[slot] ?? 0;
        }

        return (clock, throttled, replays, crc);
    }
}
