using Telemetry.Fields;

namespace Telemetry.Silo.Sink;

/// <summary>
/// The names the sink writes to InfluxDB (docs/influxdb-schema.md), and the one list the dashboards are
/// checked against. Tags identify one series per GPU, node or data center; everything else is a field,
/// the job id included, so that series cardinality never grows with jobs.
/// </summary>
public static class InfluxSchema
{
    public const string GpuMeasurement = "gpu";
    public const string NodeMeasurement = "node";
    public const string DataCenterMeasurement = "datacenter";
    public const string HealthEventMeasurement = "health_event";
    public const string DecisionMeasurement = "decision";
    public const string StragglerMeasurement = "straggler";
    public const string AlertMeasurement = "alert";

    public const string DataCenterTag = "datacenter";
    public const string NodeTag = "node";
    public const string GpuTag = "gpu";
    public const string ModelTag = "model";
    public const string SubjectTag = "subject";
    public const string IdTag = "id";
    public const string KindTag = "kind";

    public const string JobIdField = "job_id";
    public const string SamplesField = "samples";

    public const string HealthField = "health";
    public const string HealthLevelField = "health_level";
    public const string GpusField = "gpus";
    public const string HealthyField = "healthy";
    public const string DegradedField = "degraded";
    public const string UnhealthyField = "unhealthy";
    public const string OfflineField = "offline";
    public const string FreeGpusField = "free_gpus";
    public const string DrainedField = "drained";
    public const string SharedGpusField = "shared_gpus";
    public const string SharedMilliField = "shared_milli";
    public const string UtilMeanField = "util_mean";
    public const string UtilP95Field = "util_p95";
    public const string PowerWField = "power_w";
    public const string NodesField = "nodes";
    public const string AdmissionWeightField = "admission_weight";

    public const string FromField = "from";
    public const string ToField = "to";
    public const string ReasonsField = "reasons";
    public const string ActionsField = "actions";

    public const string DecisionIdField = "id";
    public const string DecisionNodeField = "node";
    public const string ReasonField = "reason";
    public const string StatusField = "status";

    public const string StragglerField = "straggler";
    public const string SignalField = "signal";
    public const string ValueField = "value";
    public const string JobMedianField = "job_median";
    public const string ActionField = "action";
    public const string ActiveField = "active";
    public const string DetailField = "detail";

    // Made once: a rollup names 46 fields, and building each name per point would allocate 46 strings.
    private static readonly string[] MeanNames = [.. FieldCatalog.All.Select(f => f.Name + "_mean")];
    private static readonly string[] MaxNames = [.. FieldCatalog.All.Select(f => f.Name + "_max")];

    /// <summary>The <c>gpu</c> field holding a wire field's 10-second mean, e.g. <c>power_w_mean</c>.</summary>
    public static string Mean(FieldInfo field) => MeanNames[(field ?? throw new ArgumentNullException(nameof(field))).Column];

    /// <summary>The <c>gpu</c> field holding a wire field's 10-second max, e.g. <c>power_w_max</c>.</summary>
    public static string Max(FieldInfo field) => MaxNames[(field ?? throw new ArgumentNullException(nameof(field))).Column];

    public static MeasurementSchema Gpu { get; } = new(
        GpuMeasurement,
        [DataCenterTag, NodeTag, GpuTag, ModelTag],
        [.. FieldCatalog.All.SelectMany(f => new[] { Mean(f), Max(f) }), JobIdField, SamplesField]);

    public static MeasurementSchema Node { get; } = new(
        NodeMeasurement,
        [DataCenterTag, NodeTag],
        [HealthField, HealthLevelField, GpusField, HealthyField, DegradedField, UnhealthyField, OfflineField, FreeGpusField, DrainedField, UtilMeanField, PowerWField, SharedGpusField, SharedMilliField]);

    public static MeasurementSchema DataCenter { get; } = new(
        DataCenterMeasurement,
        [DataCenterTag],
        [NodesField, GpusField, HealthyField, DegradedField, UnhealthyField, OfflineField, FreeGpusField, UtilMeanField, UtilP95Field, PowerWField, AdmissionWeightField]);

    public static MeasurementSchema HealthEvent { get; } = new(
        HealthEventMeasurement,
        [DataCenterTag, NodeTag, SubjectTag, IdTag],
        [FromField, ToField, HealthLevelField, ReasonsField, ActionsField]);

    public static MeasurementSchema Decision { get; } = new(
        DecisionMeasurement,
        [KindTag],
        [DecisionIdField, FromField, ToField, DecisionNodeField, JobIdField, GpusField, ReasonField, StatusField]);

    public static MeasurementSchema Straggler { get; } = new(
        StragglerMeasurement,
        [DataCenterTag, NodeTag, GpuTag],
        [JobIdField, StragglerField, SignalField, ValueField, JobMedianField, ReasonField, ActionField]);

    public static MeasurementSchema Alert { get; } = new(
        AlertMeasurement,
        [DataCenterTag, KindTag],
        [ActiveField, DetailField]);

    /// <summary>Every measurement the sink writes.</summary>
    public static IReadOnlyList<MeasurementSchema> All { get; } = [Gpu, Node, DataCenter, HealthEvent, Decision, Alert, Straggler];
}
