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

    /// <summary>A view: drops the instruments of meters another factory made; keeps process-wide meters (no scope).</summary>
    public MetricStreamConfiguration? OtherHostsDropped(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return instrument.Meter.Scope is { } scope && Factory is { } ours && !ReferenceEquals(scope, ours) ? MetricStreamConfiguration.Drop : null;
    }
}
