namespace Telemetry.Exporter.Sources.Nvml;

/// <summary>Turns NVML's NVLink data counters (KiB, running totals) into bytes per second between two readings.</summary>
internal struct NvlinkRate
{
    private double _txKib;
    private double _rxKib;
    private double _atSeconds;
    private bool _started;

    /// <summary>TX and RX B/s since the previous call; NaN on the first call, when a counter is unsupported, or when one went back.</summary>
    public (double Tx, double Rx) Next(double txKib, double rxKib, double nowSeconds)
    {
        var seconds = nowSeconds - _atSeconds;
        var known = _started && seconds > 0;
        var tx = known ? Rate(txKib, _txKib, seconds) : double.NaN;
        var rx = known ? Rate(rxKib, _rxKib, seconds) : double.NaN;
        (_txKib, _rxKib, _atSeconds, _started) = (txKib, rxKib, nowSeconds, true);
        return (tx, rx);
    }

    private static double Rate(double now, double before, double seconds) =>
        double.IsNaN(now) || double.IsNaN(before) || now < before ? double.NaN : (now - before) * 1024 / seconds;
}
