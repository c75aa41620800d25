using Telemetry.Silo.Sink;

namespace Telemetry.Silo.Metrics;

/// <summary>The InfluxDB sink's counters in the Prometheus text of <c>/metrics</c>.</summary>
public static class SinkMetricsText
{
    public static void Append(PrometheusText text, SinkMetrics sink)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(sink);
        text.Metric("telemetry_sink_written_total", "counter", "Points InfluxDB accepted.").Sample("telemetry_sink_written_total", sink.Written)
            .Metric("telemetry_sink_retried_total", "counter", "Points sent again after a failed write.").Sample("telemetry_sink_retried_total", sink.Retried)
            .Metric("telemetry_sink_spooled_total", "counter", "Points put in the on-disk spool while InfluxDB was unreachable.").Sample("telemetry_sink_spooled_total", sink.Spooled)
            .Metric("telemetry_sink_replayed_total", "counter", "Points written from the spool once InfluxDB was back.").Sample("telemetry_sink_replayed_total", sink.Replayed)
            .Metric("telemetry_sink_dropped_total", "counter", "Points dropped, by reason.")
            .Sample("telemetry_sink_dropped_total", sink.DroppedQueueFull, "reason=\"queue_full\"")
            .Sample("telemetry_sink_dropped_total", sink.DroppedRejected, "reason=\"rejected\"")
            .Metric("telemetry_sink_spool_dropped_batches_total", "counter", "Spooled batches dropped, oldest first, to keep the spool within Telemetry:Influx:SpoolMaxMiB.")
            .Sample("telemetry_sink_spool_dropped_batches_total", sink.SpoolDroppedBatches())
            .Metric("telemetry_sink_queue_depth", "gauge", "Points waiting in memory.").Sample("telemetry_sink_queue_depth", sink.QueueDepth());
    }
}
