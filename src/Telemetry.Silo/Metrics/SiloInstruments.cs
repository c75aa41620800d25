using System.Diagnostics;
using System.Diagnostics.Metrics;
using Telemetry.Grains.Nodes;
using Telemetry.Silo.Live;
using Telemetry.Silo.Sink;

namespace Telemetry.Silo.Metrics;

/// <summary>
/// The silo's own meter: observable instruments over the ingest and sink counters, live clients, grain activations
/// and the process, read only when <c>/metrics</c> is scraped. Names are chosen so the Prometheus exporter writes the
/// names the dashboards and docs have always used (<c>telemetry.ingest.samples</c> becomes
/// <c>telemetry_ingest_samples_total</c>, a unit <c>s</c> appends <c>_seconds</c>).
/// </summary>
public sealed class SiloInstruments
{
    /// <summary>The name of the silo's meter, as <c>AddMeter</c> takes it.</summary>
    public const string MeterName = "Telemetry.Silo";

    public const string IngestDuration = "telemetry.ingest.duration";

    public SiloInstruments(IMeterFactory meters, IngestMetrics ingest, SinkMetrics sink, LiveHub live, GrainActivations activations, DecisionMetrics decisions, NodeCheckStats checks)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(ingest);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(activations);
        ArgumentNullException.ThrowIfNull(checks);
        _ = decisions; // its counters live on the same meter; resolved here so they exist from the first scrape
        var meter = meters.Create(MeterName);

        meter.CreateObservableCounter("telemetry.ingest.bodies", () => ingest.Bodies, description: "Bodies applied (202 or 204).");
        meter.CreateObservableCounter("telemetry.ingest.reports", () => ingest.Reports, description: "Reports applied.");
        meter.CreateObservableCounter("telemetry.ingest.samples", () => ingest.Samples, description: "GPU samples applied.");
        meter.CreateObservableCounter("telemetry.ingest.duplicates", () => ingest.Duplicates, description: "Reports that were duplicates.");
        meter.CreateObservableCounter("telemetry.ingest.skipped_fields", () => ingest.SkippedFields, description: "Columns skipped because their field id is unknown.");
        meter.CreateObservableCounter("telemetry.ingest.rejected", () => ingest.RejectedByReason.Select(r => new Measurement<long>(r.Value, new KeyValuePair<string, object?>("reason", r.Key))), description: "Bodies refused, by reason.");

        meter.CreateObservableCounter("telemetry.sink.written", () => sink.Written, description: "Points InfluxDB accepted.");
        meter.CreateObservableCounter("telemetry.sink.retried", () => sink.Retried, description: "Points sent again after a failed write.");
        meter.CreateObservableCounter("telemetry.sink.spooled", () => sink.Spooled, description: "Points put in the on-disk spool while InfluxDB was unreachable.");
        meter.CreateObservableCounter("telemetry.sink.replayed", () => sink.Replayed, description: "Points written from the spool once InfluxDB was back.");
        meter.CreateObservableCounter("telemetry.sink.dropped", () => new[]
        {
            new Measurement<long>(sink.DroppedQueueFull, new KeyValuePair<string, object?>("reason", "queue_full")),
            new Measurement<long>(sink.DroppedRejected, new KeyValuePair<string, object?>("reason", "rejected")),
        }, description: "Points dropped, by reason.");
        meter.CreateObservableCounter("telemetry.sink.spool_dropped_batches", () => sink.SpoolDroppedBatches(), description: "Spooled batches dropped, oldest first, to keep the spool within Telemetry:Influx:SpoolMaxMiB.");
        meter.CreateObservableGauge("telemetry.sink.queue_depth", () => sink.QueueDepth(), description: "Points waiting in memory.");

        meter.CreateObservableGauge("telemetry.live.clients", () => live.ClientCount, description: "Dashboards and other clients connected to the live stream of this silo.");
        meter.CreateObservableCounter("telemetry.nodes.late_checks", () => checks.LateChecks, description: "Node checks that came more than a period late (the silo could not run them): their lateness is not counted as the node's silence.");
        meter.CreateObservableCounter("telemetry.nodes.unheard", () => checks.UnheardSeconds, unit: "s", description: "Time left out of nodes' silence because their checks came late, summed over nodes.");
        meter.CreateObservableGauge("telemetry.grain.activations", activations.Measure, description: "Grain activations on this silo, by grain type (sampled every 30 s).");

        meter.CreateObservableCounter("process.cpu", ProcessCpuSeconds, unit: "s", description: "CPU time of this silo process.");
        meter.CreateObservableGauge("process.resident_memory", () => Environment.WorkingSet, unit: "By", description: "Resident memory of this silo process.");
        meter.CreateObservableGauge("dotnet.gc.heap", () => GC.GetTotalMemory(false), unit: "By", description: "Managed heap size.");
    }

    private static double ProcessCpuSeconds()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime.TotalSeconds;
    }
}
