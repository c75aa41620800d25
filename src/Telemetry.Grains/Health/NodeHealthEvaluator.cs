using Telemetry.Health;
using Telemetry.State;

namespace Telemetry.Grains.Health;

/// <summary>
/// A node's health: the worst of its GPUs' states (a GPU that stopped reporting on a node that still
/// reports counts as degraded) and its own checks — exporter silent (offline) and clock skew (degraded when the newest sample of the last report is more than
/// <see cref="MaxClockSkew"/> behind the server's receive time).
/// </summary>
public sealed class NodeHealthEvaluator
{
    /// <summary>Default allowed lag of the newest sample behind its receive time: 30 s.</summary>
    public static readonly TimeSpan DefaultMaxClockSkew = TimeSpan.FromSeconds(30);

    private static readonly HealthRule Silent = HealthRules.Offline with { Key = "node-silent" };

    private static readonly HealthRule ClockSkew = new(
        "clock-skew", HealthState.Degraded, "newest sample lags its receive time (clock skew or a stuck exporter)", "check the node's clock (NTP) and the exporter");

    /// <summary>Starts healthy since <paramref name="since"/>, with the given skew allowance (default 30 s).</summary>
    public NodeHealthEvaluator(DateTimeOffset since, TimeSpan? maxClockSkew = null)
    {
        Verdict = HealthVerdict.HealthySince(since);
        MaxClockSkew = maxClockSkew ?? DefaultMaxClockSkew;
    }

    /// <summary>The allowed lag of a report's newest sample behind its receive time.</summary>
    public TimeSpan MaxClockSkew { get; }

    /// <summary>The current verdict.</summary>
    public HealthVerdict Verdict { get; private set; }

    /// <summary>
    /// Re-evaluates the node at server time <paramref name="now"/>. <paramref name="lastReportAt"/> is when the
    /// last report arrived (null: never), <paramref name="newestSampleAt"/> the newest sample time in it, and
    /// <paramref name="offlineAfter"/> the silence that makes the node offline (<see cref="ReportIntervalEstimator.OfflineAfter"/>),
    /// and <paramref name="unheard"/> the time since the last report in which the silo could not have heard one, which is not silence.
    /// Returns true when the state or the reasons changed.
    /// </summary>
    public bool Evaluate(
        IEnumerable<GpuBrief> gpus,
        DateTimeOffset? lastReportAt,
        DateTimeOffset? newestSampleAt,
        TimeSpan offlineAfter,
        DateTimeOffset now,
        TimeSpan unheard = default)
    {
        ArgumentNullException.ThrowIfNull(gpus);
        var rules = new List<HealthRule>();
        if (lastReportAt is not { } received || now - received - unheard >= offlineAfter)
        {
            rules.Add(Silent);
        }
        else if (newestSampleAt is { } sampled && received - sampled > MaxClockSkew)
        {
            rules.Add(ClockSkew);
        }

        foreach (var gpu in gpus)
        {
            if (gpu.Health != HealthState.Healthy)
            {
                rules.Add(ForGpu(gpu));
            }
        }

        return Update(rules, now);
    }

    // A GPU that stopped reporting on a node that still reports makes the node degraded, not offline:
    // the node and its other GPUs are still there and still placeable.
    private static HealthRule ForGpu(GpuBrief gpu) => new(
        $"gpu-{gpu.Index}",
        gpu.Health == HealthState.Offline ? HealthState.Degraded : gpu.Health,
        gpu.Health == HealthState.Offline
            ? $"GPU {gpu.Index} ({gpu.Uuid}) is not reporting"
            : $"GPU {gpu.Index} ({gpu.Uuid}) is {gpu.Health.ToString().ToLowerInvariant()}",
        gpu.Health switch
        {
            HealthState.Unhealthy => "drain the node; see the GPU's reasons and actions",
            HealthState.Offline => "check the GPU, the exporter and the node",
            _ => "see the GPU's reasons and actions",
        });

    private bool Update(List<HealthRule> rules, DateTimeOffset at)
    {
        var verdict = VerdictJudge.Judge(rules, Verdict, at);
        if (verdict is null)
        {
            return false;
        }

        Verdict = verdict;
        return true;
    }
}
