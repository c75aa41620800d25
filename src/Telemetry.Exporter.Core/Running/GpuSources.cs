using Telemetry.Exporter.Sources;
using Telemetry.Exporter.Sources.Dcgm;
using Telemetry.Exporter.Sources.Nvml;
using Telemetry.Exporter.Sources.NvidiaSmi;

namespace Telemetry.Exporter.Running;

/// <summary>Makes the source <see cref="ExporterSettings.Source"/> names.</summary>
public static class GpuSources
{
    public static IGpuSource Create(ExporterSettings settings) => settings.Source.Kind switch
    {
        SourceKind.DcgmExporter => new DcgmExporterSource(settings.Source.Url!),
        SourceKind.NvidiaSmi => new NvidiaSmiSource(settings.NvidiaSmiPath, (int)Math.Round(1000 / settings.SampleHz)),
        _ => new NvmlSource(new NvmlLibrary()),
    };
}
