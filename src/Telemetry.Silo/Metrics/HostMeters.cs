using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;

namespace Telemetry.Silo.Metrics;

/// <summary>
/// OpenTelemetry finds meters by name across the whole process. A meter made by another host's
/// <see cref="IMeterFactory"/> (a second silo in one test process) is left out, so a silo's <c>/metrics</c> is its own.
/// </summary>
public sealed class HostMeters
{
    /// <summary>This host's meter factory; set once the host is built, before its server starts.</summary>
    public IMeterFactory? Factory { get; set; }

    /// <summary>
    /// The one view of the silo's metrics: drops the instruments of meters another factory made, keeps process-wide
    /// meters (no scope), and gives the ingest latency histogram its buckets. One view, not two: with a second view
    /// matching by name, another host's histogram would still be taken, share this host's stream, and end it when
    /// that host stops.
    /// </summary>
    public MetricStreamConfiguration? Configure(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        if (instrument.Meter.Scope is { } scope && Factory is { } ours && !ReferenceEquals(scope, ours))
        {
            return MetricStreamConfiguration.Drop;
        }

        return instrument.Name == SiloInstruments.IngestDuration
            ? new ExplicitBucketHistogramConfiguration { Boundaries = IngestMetrics.LatencyBounds }
            : null;
    }
}
