using System.Collections.Frozen;
using Telemetry.Health;

namespace Telemetry.Grains.Health;

/// <summary>
/// The GPU health rule table (ARCHITECTURE.md, "Health rules") as data, with the thresholds and
/// hold times the <see cref="GpuHealthTracker"/> applies. XID meanings and actions follow DCGM's
/// health checks and NVIDIA's XID catalog.
/// </summary>
public static class HealthRules
{
    private const string DrainAndReset = "drain the node, reset the GPU or reboot";
    private const string CheckPcie = "check the PCIe link";

    /// <summary>Degraded from an event (XID 94, 63, 38, 39, 42) lasts this long in sample time after its last occurrence: 10 minutes.</summary>
    public static readonly TimeSpan EventHold = TimeSpan.FromMinutes(10);

    /// <summary>Degraded from a condition (remap pending, throttling, temperature, error rates) clears once the condition has been absent this long in sample time: 2 minutes.</summary>
    public static readonly TimeSpan ConditionClear = TimeSpan.FromMinutes(2);

    /// <summary>Throttling turns a GPU degraded when more than this share of the last minute's samples that measured clock_event_reasons are throttled: 0.5.</summary>
    public const double ThrottleEnterShare = 0.5;

    /// <summary>…and keeps it degraded while the share is at least this: 0.25. The gap is the hysteresis that stops flapping.</summary>
    public const double ThrottleExitShare = 0.25;

    /// <summary>
    /// PCIe replays are "rising" when more than this many are counted in the last minute: 8, the rate
    /// DCGM's health watch fails on (DCGM_LIMIT_MAX_PCIREPLAY_RATE, "the maximum recommended by RM").
    /// </summary>
    public const double MaxPcieReplaysPerMinute = 8;

    /// <summary>
    /// NVLink CRC flit errors are "rising" when more than this many are counted in the last minute: 6,000,
    /// DCGM's 100 a second (DCGM_LIMIT_MAX_LWLINK_CRC_ERROR: "CRC errors only matter at rates of 100+ per second").
    /// </summary>
    public const double MaxNvlinkCrcErrorsPerMinute = 6_000;

    public static HealthRule EccDoubleBit { get; } =
        new("ecc-dbe", HealthState.Unhealthy, "ECC double-bit error (ecc_dbe_delta > 0)", DrainAndReset);

    public static HealthRule RowRemapFailure { get; } =
        new("row-remap-failure", HealthState.Unhealthy, "row remapping failed (row_remap_failure = 1)", DrainAndReset);

    public static HealthRule RowRemapPending { get; } =
        new("row-remap-pending", HealthState.Degraded, "row remap pending (row_remap_pending = 1)", "monitor; reset when idle");

    public static HealthRule PcieReplaysRising { get; } =
        new("pcie-replays", HealthState.Degraded, "PCIe replays rising (more than 8 in the last minute)", CheckPcie);

    public static HealthRule NvlinkCrcRising { get; } =
        new("nvlink-crc", HealthState.Degraded, "NVLink CRC errors rising (more than 6,000 in the last minute)", "run diagnostics on the link");

    public static HealthRule Throttling { get; } =
        new("throttling", HealthState.Degraded, "thermal or power clock events in most of the last minute", "check cooling / power capping");

    public static HealthRule OverTemperature { get; } =
        new("over-temperature", HealthState.Degraded, "gpu_temp_c over the model's limit", "check cooling / power capping");

    public static HealthRule Offline { get; } =
        new("offline", HealthState.Offline, "no report for 3 × the node's report interval (at least Telemetry:Nodes:MinOfflineAfter, 10 s by default)", "check the exporter and the node");

    /// <summary>The key of the straggler rule, whose reason and action the GPU's job writes.</summary>
    public const string StragglerKey = "straggler";

    /// <summary>The GPU lags its job's peers (docs/health.md, "Stragglers"); <paramref name="reason"/> names the signal, value and job median.</summary>
    public static HealthRule Straggler(string reason, string action) => new(StragglerKey, HealthState.Degraded, reason, action);

    /// <summary>XID code → rule, for the XIDs the table names; other XIDs do not change health.</summary>
    public static FrozenDictionary<int, HealthRule> Xids { get; } = new[]
    {
        Xid(48, HealthState.Unhealthy, "double-bit ECC error", DrainAndReset),
        Xid(64, HealthState.Unhealthy, "row remapping failure", DrainAndReset),
        Xid(74, HealthState.Unhealthy, "NVLink error", DrainAndReset),
        Xid(79, HealthState.Unhealthy, "GPU has fallen off the bus", "drain the node; re-seat the GPU, check power and cooling, run field diagnostics"),
        Xid(95, HealthState.Unhealthy, "uncontained ECC error", DrainAndReset),
        Xid(119, HealthState.Unhealthy, "GSP RPC timeout", DrainAndReset),
        Xid(120, HealthState.Unhealthy, "GSP error", DrainAndReset),
        Xid(140, HealthState.Unhealthy, "unrecovered ECC error", DrainAndReset),
        Xid(94, HealthState.Degraded, "contained ECC error", "restart the application; reset can wait"),
        Xid(63, HealthState.Degraded, "row remapping pending (page retirement)", "monitor; reset when idle"),
        Xid(38, HealthState.Degraded, "driver firmware error (PCIe)", CheckPcie),
        Xid(39, HealthState.Degraded, "PCIe bus error", CheckPcie),
        Xid(42, HealthState.Degraded, "PCIe video processor exception", CheckPcie),
    }.ToFrozenDictionary(r => int.Parse(r.Key.AsSpan(4)), r => r);

    private static HealthRule Xid(int code, HealthState verdict, string meaning, string action) =>
        new($"xid-{code}", verdict, $"XID {code}: {meaning}", action);

    private static readonly FrozenDictionary<string, HealthRule> ByKeyMap =
        new[] { EccDoubleBit, RowRemapFailure, RowRemapPending, PcieReplaysRising, NvlinkCrcRising, Throttling, OverTemperature }
            .Concat(Xids.Values)
            .ToFrozenDictionary(r => r.Key, StringComparer.Ordinal);

    /// <summary>The GPU rule with <paramref name="key"/> (as kept in <see cref="Telemetry.Health.ActiveRuleMemory"/>).</summary>
    public static bool TryGet(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out HealthRule? rule) => ByKeyMap.TryGetValue(key, out rule);
}
