using Microsoft.Extensions.Options;
using Telemetry.Exporter.Sending;
using Telemetry.Grains.Events;
using Telemetry.Silo.Hosting;

namespace Telemetry.Silo.Sink;

/// <summary>Switches on the InfluxDB 2 sink when <c>Telemetry:Influx:Url</c> is set; otherwise grains get a sink that is off and costs nothing.</summary>
public static class SinkHostingExtensions
{
    private const string UrlKey = InfluxOptions.Section + ":" + nameof(InfluxOptions.Url);

    public static WebApplicationBuilder AddInfluxSink(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SinkMetrics>();
        if (string.IsNullOrWhiteSpace(builder.Configuration[UrlKey]))
        {
            builder.Services.AddSingleton<ITimeSeriesSink, NoTimeSeriesSink>();
            return builder;
        }

        builder.Services.AddOptions<InfluxOptions>().BindConfiguration(InfluxOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<InfluxOptions>, InfluxOptionsValidator>();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<InfluxOptions>>().Value);
        builder.Services.AddSingleton<InfluxSink>();
        builder.Services.AddSingleton<ITimeSeriesSink>(sp => sp.GetRequiredService<InfluxSink>());
        builder.Services.AddSingleton<IHealthChangeListener>(sp => sp.GetRequiredService<InfluxSink>());
        builder.Services.AddSingleton<IStragglerListener>(sp => sp.GetRequiredService<InfluxSink>());
        builder.Services.AddSingleton<IDecisionListener, SinkDecisionListener>();
        builder.Services.AddSingleton<IBatchWriter, InfluxBatchWriter>();
        builder.Services.AddSingleton(sp => OpenSpool(sp.GetRequiredService<InfluxOptions>(), sp.GetRequiredService<ClusterSettings>(), sp.GetRequiredService<SinkMetrics>()));
        builder.Services.AddHostedService(sp => new SinkWriter(
            sp.GetRequiredService<InfluxSink>().Points,
            sp.GetRequiredService<IBatchWriter>(),
            sp.GetRequiredService<ReportSpool>(),
            sp.GetRequiredService<InfluxOptions>(),
            sp.GetRequiredService<SinkMetrics>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<SinkWriter>>()));
        return builder;
    }

    private static ReportSpool OpenSpool(InfluxOptions options, ClusterSettings cluster, SinkMetrics metrics)
    {
        // One spool per silo process: silos sharing a host differ by their silo port.
        var directory = options.SpoolDir ?? Path.Combine(Path.GetTempPath(), "telemetry-influx-spool", $"silo-{cluster.SiloPort}");
        var spool = ReportSpool.Open(new ReportSpoolOptions(directory, (long)options.SpoolMaxMiB << 20));
        metrics.SpoolDroppedBatches = () => spool.Snapshot().Dropped;
        return spool;
    }
}
