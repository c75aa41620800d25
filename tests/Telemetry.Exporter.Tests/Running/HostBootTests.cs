using Telemetry.Exporter.Running;

namespace Telemetry.Exporter.Tests.Running;

public sealed class HostBootTests
{
    [Fact]
    public void Read_BootIdFile_AnswersItTrimmed()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.Path);
        var path = Path.Combine(dir.Path, "boot_id");
        File.WriteAllText(path, "2f0c6e8a-3a1b-4c55-9d1e-6f7a8b9c0d1e\n");

        Assert.Equal("2f0c6e8a-3a1b-4c55-9d1e-6f7a8b9c0d1e", HostBoot.Read(path));
    }

    [Fact]
    public void Read_NoSuchFile_AnswersNull() => Assert.Null(HostBoot.Read("/nonexistent/boot_id"));

    [Fact]
    public void Build_WithHostBootId_EveryReportCarriesIt()
    {
        var builder = new ReportBuilder("dc1/node-1", "boot-1", "host-boot-1");
        builder.Add(1_000, [new Telemetry.Exporter.Sources.GpuReading { Index = 0, Uuid = "GPU-a", Model = "NVIDIA B200", Values = Telemetry.Exporter.Sources.GpuReading.EmptyValues() }]);

        Assert.Equal("host-boot-1", builder.Build()!.HostBootId);
    }
}
