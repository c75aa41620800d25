using System.Diagnostics;
using System.Globalization;
using Telemetry.Silo.Sink;

namespace Telemetry.Silo.Metrics;

/// <summary>Switches on <c>GET /metrics</c>: ingest counters, latency, and the process's CPU and memory.</summary>
public static class MetricsHostingExtensions
{
    public static WebApplicationBuilder AddSiloMetrics(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IngestMetrics>();
        return builder;
    }

    public static WebApplication MapSiloMetrics(this WebApplication app)
    {
        app.MapGet("/metrics", async (IngestMetrics metrics, SinkMetrics sink, IGrainFactory grains) =>
            {
                var statistics = await grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
                var text = Render(metrics, statistics);
                SinkMetricsText.Append(text, sink);
                return Results.Text(text.ToString(), "text/plain; version=0.0.4; charset=utf-8");
            })
            .WithName("Metrics")
            .WithSummary("Prometheus metrics of this silo");
        return app;
    }

    private static PrometheusText Render(IngestMetrics metrics, SimpleGrainStatistic[] statistics)
    {
        var text = new PrometheusText()
            .Metric("telemetry_ingest_bodies_total", "counter", "Bodies answered 202.").Sample("telemetry_ingest_bodies_total", metrics.Bodies)
            .Metric("telemetry_ingest_reports_total", "counter", "Reports applied.").Sample("telemetry_ingest_reports_total", metrics.Reports)
            .Metric("telemetry_ingest_samples_total", "counter", "GPU samples applied.").Sample("telemetry_ingest_samples_total", metrics.Samples)
            .Metric("telemetry_ingest_duplicates_total", "counter", "Reports that were duplicates.").Sample("telemetry_ingest_duplicates_total", metrics.Duplicates)
            .Metric("telemetry_ingest_skipped_fields_total", "counter", "Columns skipped because their field id is unknown.").Sample("telemetry_ingest_skipped_fields_total", metrics.SkippedFields)
            .Metric("telemetry_ingest_rejected_total", "counter", "Bodies rejected, by reason.");
        foreach (var (reason, count) in metrics.RejectedByReason.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            text.Sample("telemetry_ingest_rejected_total", count, $"reason=\"{PrometheusText.Escape(reason)}\"");
        }

        text.Metric("telemetry_ingest_duration_seconds", "histogram", "Ingest request latency.");
        var cumulative = metrics.Latency.Cumulative();
        for (var i = 0; i < LatencyHistogram.Bounds.Length; i++)
        {
            text.Sample("telemetry_ingest_duration_seconds_bucket", cumulative[i], $"le=\"{LatencyHistogram.Bounds[i].ToString(CultureInfo.InvariantCulture)}\"");
        }

        text.Sample("telemetry_ingest_duration_seconds_bucket", cumulative[^1], "le=\"+Inf\"")
            .Sample("telemetry_ingest_duration_seconds_sum", metrics.Latency.SumSeconds)
            .Sample("telemetry_ingest_duration_seconds_count", metrics.Latency.Count);

        text.Metric("telemetry_grain_activations", "gauge", "Grain activations on each silo, by grain type.");
        foreach (var group in statistics.Where(s => s.GrainType.StartsWith("Telemetry.", StringComparison.Ordinal)).GroupBy(s => (s.GrainType, Silo: s.SiloAddress.ToString())))
        {
            text.Sample("telemetry_grain_activations", group.Sum(s => s.ActivationCount), $"type=\"{PrometheusText.Escape(group.Key.GrainType)}\",silo=\"{PrometheusText.Escape(group.Key.Silo)}\"");
        }

        using var process = Process.GetCurrentProcess();
        text.Metric("process_cpu_seconds_total", "counter", "CPU time of this silo process.").Sample("process_cpu_seconds_total", process.TotalProcessorTime.TotalSeconds)
            .Metric("process_resident_memory_bytes", "gauge", "Resident memory of this silo process.").Sample("process_resident_memory_bytes", process.WorkingSet64)
            .Metric("dotnet_gc_heap_bytes", "gauge", "Managed heap size.").Sample("dotnet_gc_heap_bytes", GC.GetTotalMemory(false));
        return text;
    }
}
