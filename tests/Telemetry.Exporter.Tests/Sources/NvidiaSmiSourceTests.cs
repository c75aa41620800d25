using Telemetry.Exporter.Sources;
using Telemetry.Exporter.Sources.NvidiaSmi;

namespace Telemetry.Exporter.Tests.Sources;

public sealed class NvidiaSmiSourceTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task ReadAsync_FakeNvidiaSmiPrintingFixtureRows_GivesEachGpusNewestRow()
    {
        var script = FakeNvidiaSmi($"while true; do cat '{Fixtures.PathOf("nvidia-smi.csv")}'; sleep 0.05; done");
        await using var source = new NvidiaSmiSource(script, 50);

        await source.StartAsync(CancellationToken.None);
        var readings = await SourcePolling.ReadUntilAsync(source, r => r.Count == 2);

        Assert.Equal([Fixtures.Gpu0, Fixtures.Gpu1], readings.Select(r => r.Uuid));
        Assert.Equal(612.41, readings[0].Values[Fields.FieldCatalog.PowerW - 1]);
    }

    [Fact]
    public async Task StartAsync_FakeIsGivenTheQueryArguments()
    {
        var log = Path.Combine(_dir.Path, "args");
        var script = FakeNvidiaSmi($"echo \"$@\" > '{log}'; while true; do cat '{Fixtures.PathOf("nvidia-smi.csv")}'; sleep 0.05; done");
        await using var source = new NvidiaSmiSource(script, 250);

        await source.StartAsync(CancellationToken.None);

        Assert.Equal(string.Join(' ', NvidiaSmiQuery.Arguments(250)), File.ReadAllText(log).Trim());
    }

    [Fact]
    public async Task StartAsync_NvidiaSmiFailsAtOnce_ThrowsWithItsMessage()
    {
        var script = FakeNvidiaSmi("echo \"NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.\" >&2; exit 9");
        await using var source = new NvidiaSmiSource(script, 100);

        var e = await Assert.ThrowsAsync<GpuSourceException>(() => source.StartAsync(CancellationToken.None));

        Assert.Contains("exited with code 9", e.Message, StringComparison.Ordinal);
        Assert.Contains("couldn't communicate with the NVIDIA driver", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_NoSuchExecutable_SaysHowToFixIt()
    {
        await using var source = new NvidiaSmiSource(Path.Combine(_dir.Path, "nvidia-smi"), 100);

        var e = await Assert.ThrowsAsync<GpuSourceException>(() => source.StartAsync(CancellationToken.None));

        Assert.Contains("--nvidia-smi-path", e.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();

    private string FakeNvidiaSmi(string body)
    {
        var path = Path.Combine(_dir.Path, "fake-nvidia-smi.sh");
        Directory.CreateDirectory(_dir.Path);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return path;
    }
}
