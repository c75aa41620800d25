using Telemetry.Fields;
using Telemetry.Grains.Events;
using Telemetry.Health;
using Telemetry.Jobs;
using Telemetry.Rebalancing;
using Telemetry.State;
using Telemetry.Wire;

namespace Telemetry.Silo.Sink;

/// <summary>Turns what grains hand the sink into line-protocol points of <see cref="InfluxSchema"/>.</summary>
public static class InfluxPoints
{
    private const long NanosecondsPerMillisecond = 1_000_000;
    private const string ListSeparator = "; ";

    public static string? Gpu(GpuRollup rollup)
    {
        ArgumentNullException.ThrowIfNull(rollup);
        var line = new LineProtocol(InfluxSchema.GpuMeasurement, capacity: 2048)
            .Tag(InfluxSchema.DataCenterTag, rollup.DataCenter)
            .Tag(InfluxSchema.NodeTag, rollup.Node)
            .Tag(InfluxSchema.GpuTag, rollup.Uuid)
            .Tag(InfluxSchema.ModelTag, rollup.Model);
        foreach (var field in FieldCatalog.All)
        {
            line.Field(InfluxSchema.Mean(field), rollup.Means[field.Column]).Field(InfluxSchema.Max(field), rollup.Maxes[field.Column]);
        }

        return line.Field(InfluxSchema.JobIdField, rollup.JobId)
            .Field(InfluxSchema.SamplesField, rollup.Samples)
            .At(rollup.BucketStartMs * NanosecondsPerMillisecond);
    }

    public static string? Node(NodeSummary summary, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var counts = summary.GpusByHealth;
        return new LineProtocol(InfluxSchema.NodeMeasurement)
            .Tag(InfluxSchema.DataCenterTag, NodeIds.DataCenterOf(summary.NodeId))
            .Tag(InfluxSchema.NodeTag, summary.NodeId)
            .Field(InfluxSchema.HealthField, Name(summary.Health))
            .Field(InfluxSchema.HealthLevelField, (long)summary.Health)
            .Field(InfluxSchema.GpusField, counts.Total)
            .Field(InfluxSchema.HealthyField, counts.Healthy)
            .Field(InfluxSchema.DegradedField, counts.Degraded)
            .Field(InfluxSchema.UnhealthyField, counts.Unhealthy)
            .Field(InfluxSchema.OfflineField, counts.Offline)
            .Field(InfluxSchema.FreeGpusField, summary.FreeGpus)
            .Field(InfluxSchema.DrainedField, summary.Drained)
            .Field(InfluxSchema.UtilMeanField, summary.GpuUtilPct.Length == 0 ? double.NaN : summary.GpuUtilPct.Average())
            .Field(InfluxSchema.PowerWField, summary.PowerW)
            .Field(InfluxSchema.SharedGpusField, summary.SharedGpus.Length)
            .Field(InfluxSchema.SharedMilliField, summary.SharedGpus.Sum(g => (long)g.UsedMilli))
            .At(Nanoseconds(at));
    }

    public static string? DataCenter(DataCenterSummary summary, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var counts = summary.GpusByHealth;
        return new LineProtocol(InfluxSchema.DataCenterMeasurement)
            .Tag(InfluxSchema.DataCenterTag, summary.Id)
            .Field(InfluxSchema.NodesField, summary.Nodes)
            .Field(InfluxSchema.GpusField, summary.Gpus)
            .Field(InfluxSchema.HealthyField, counts.Healthy)
            .Field(InfluxSchema.DegradedField, counts.Degraded)
            .Field(InfluxSchema.UnhealthyField, counts.Unhealthy)
            .Field(InfluxSchema.OfflineField, counts.Offline)
            .Field(InfluxSchema.FreeGpusField, summary.FreeGpus)
            .Field(InfluxSchema.UtilMeanField, summary.Utilization.Mean)
            .Field(InfluxSchema.UtilP95Field, summary.Utilization.P95)
            .Field(InfluxSchema.PowerWField, summary.PowerW)
            .Field(InfluxSchema.AdmissionWeightField, summary.AdmissionWeight)
            .At(Nanoseconds(at));
    }

    public static string? HealthEvent(HealthChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return new LineProtocol(InfluxSchema.HealthEventMeasurement)
            .Tag(InfluxSchema.DataCenterTag, change.DataCenter)
            .Tag(InfluxSchema.NodeTag, change.Node)
            .Tag(InfluxSchema.SubjectTag, change.Subject == HealthSubject.Gpu ? "gpu" : "node")
            .Tag(InfluxSchema.IdTag, change.Id)
            .Field(InfluxSchema.FromField, Name(change.From))
            .Field(InfluxSchema.ToField, Name(change.To.State))
            .Field(InfluxSchema.HealthLevelField, (long)change.To.State)
            .Field(InfluxSchema.ReasonsField, string.Join(ListSeparator, change.To.Reasons))
            .Field(InfluxSchema.ActionsField, string.Join(ListSeparator, change.To.RecommendedActions))
            .At(Nanoseconds(change.At));
    }

    /// <param name="decision">The decision.</param>
    /// <param name="tieBreakNs">
    /// Added to the timestamp (0–999,999 ns, under a millisecond): decisions of one kind share a series, and
    /// InfluxDB keeps one point per series and time, so decisions made in the same millisecond must differ here.
    /// </param>
    public static string? Decision(RebalancingDecisionPoint decision, long tieBreakNs)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return new LineProtocol(InfluxSchema.DecisionMeasurement)
            .Tag(InfluxSchema.KindTag, decision.Kind)
            .Field(InfluxSchema.DecisionIdField, decision.Id)
            .Field(InfluxSchema.FromField, decision.From)
            .Field(InfluxSchema.ToField, decision.To)
            .Field(InfluxSchema.DecisionNodeField, decision.Node)
            .Field(InfluxSchema.JobIdField, decision.JobId)
            .Field(InfluxSchema.GpusField, decision.Gpus)
            .Field(InfluxSchema.ReasonField, decision.Reason)
            .Field(InfluxSchema.StatusField, decision.Status)
            .At(Nanoseconds(decision.At) + (tieBreakNs % NanosecondsPerMillisecond));
    }

    /// <summary>A GPU became, or stopped being, a straggler of its job (the <c>straggler</c> measurement).</summary>
    public static string? Straggler(StragglerChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return new LineProtocol(InfluxSchema.StragglerMeasurement)
            .Tag(InfluxSchema.DataCenterTag, change.DataCenter)
            .Tag(InfluxSchema.NodeTag, change.Node)
            .Tag(InfluxSchema.GpuTag, change.Uuid)
            .Field(InfluxSchema.JobIdField, change.JobId)
            .Field(InfluxSchema.StragglerField, change.Straggler)
            .Field(InfluxSchema.SignalField, change.Signal)
            .Field(InfluxSchema.ValueField, change.Value)
            .Field(InfluxSchema.JobMedianField, change.JobMedian)
            .Field(InfluxSchema.ReasonField, change.Reason)
            .Field(InfluxSchema.ActionField, change.Action)
            .At(Nanoseconds(change.At));
    }

    /// <summary>A rebalancer alert raised (active) or resolved, for Grafana's annotations.</summary>
    public static string? Alert(RebalanceAlert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return new LineProtocol(InfluxSchema.AlertMeasurement)
            .Tag(InfluxSchema.DataCenterTag, alert.DataCenter)
            .Tag(InfluxSchema.KindTag, alert.Kind)
            .Field(InfluxSchema.ActiveField, alert.Active)
            .Field(InfluxSchema.DetailField, alert.Detail)
            .At(Nanoseconds(alert.At));
    }

    /// <summary>The health state as the schema spells it: <c>healthy</c>, <c>degraded</c>, <c>unhealthy</c>, <c>offline</c>.</summary>
    public static string Name(HealthState state) => state switch
    {
        HealthState.Healthy => "healthy",
        HealthState.Degraded => "degraded",
        HealthState.Unhealthy => "unhealthy",
        HealthState.Offline => "offline",
        _ => state.ToString(),
    };

    private static long Nanoseconds(DateTimeOffset at) => at.ToUnixTimeMilliseconds() * NanosecondsPerMillisecond;
}
