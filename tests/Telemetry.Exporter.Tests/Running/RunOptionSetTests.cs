using System.CommandLine;
using Telemetry.Exporter.Cli;
using Telemetry.Exporter.Running;

namespace Telemetry.Exporter.Tests.Running;

public sealed class RunOptionSetTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void ToSettings_Defaults_NodeIdFromDataCenterAndHostName()
    {
        var settings = Parse(out var errors, "--datacenter", "DC1");

        Assert.Empty(errors);
        Assert.Equal("dc1/host-a", settings!.NodeId);
        Assert.Equal(SourceKind.Nvml, settings.Source.Kind);
        Assert.Equal([new Uri("http://localhost:5000")], settings.Servers);
        Assert.Equal((1.0, TimeSpan.FromSeconds(5)), (settings.SampleHz, settings.ReportEvery));
        Assert.NotNull(settings.SpoolDirectory);
    }

    [Fact]
    public void ToSettings_ConfigFile_IsRead_AndFlagsWin()
    {
        var config = Config("""
            {
              // comments are allowed
              "source": "dcgm-exporter=http://127.0.0.1:9400",
              "servers": ["http://silo-a:5000", "http://silo-b:5000"],
              "nodeId": "dc2/gpu-0042",
              "sampleHz": 4,
              "reportEvery": 2.5,
              "noSpool": true,
            }
            """);

        var settings = Parse(out var errors, "--config", config, "--sample-hz", "10", "--server", "http://silo-c:5000");

        Assert.Empty(errors);
        Assert.Equal(new SourceSpec(SourceKind.DcgmExporter, new Uri("http://127.0.0.1:9400/metrics")), settings!.Source);
        Assert.Equal([new Uri("http://silo-c:5000")], settings.Servers);
        Assert.Equal("dc2/gpu-0042", settings.NodeId);
        Assert.Equal(10, settings.SampleHz);
        Assert.Equal(TimeSpan.FromSeconds(2.5), settings.ReportEvery);
        Assert.Null(settings.SpoolDirectory);
    }

    [Theory]
    [InlineData("give --node-id <datacenter>/<host> (nodeId), or --datacenter <name> (datacenter) to use this host's name.")]
    [InlineData("--source (source) 'dcgm' is not nvml, nvidia-smi or dcgm-exporter=<url> (e.g. dcgm-exporter=http://localhost:9400/metrics).", "--source", "dcgm", "--node-id", "dc1/n1")]
    [InlineData("--sample-hz (sampleHz) must be 1–10; got 20.", "--sample-hz", "20", "--node-id", "dc1/n1")]
    [InlineData("--report-every (reportEvery) must be 0.1–3600 seconds; got 0.", "--report-every", "0", "--node-id", "dc1/n1")]
    [InlineData("--server (servers) 'ftp://x/' is not an absolute http(s) URL.", "--server", "ftp://x", "--node-id", "dc1/n1")]
    public void ToSettings_BadSetting_IsNamedWithItsFlagAndConfigKey(string expected, params string[] args)
    {
        Assert.Null(Parse(out var errors, args));
        Assert.Equal([expected], errors);
    }

    [Fact]
    public void ToSettings_UnknownKeyInConfig_IsAnError()
    {
        var config = Config("""{ "sampleRate": 4 }""");

        Assert.Null(Parse(out var errors, "--config", config));
        Assert.Contains("sampleRate", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_BadOptions_ExitCode2_WithTheMessage()
    {
        var options = new RunOptionSet();
        var log = new StringWriter();

        var code = await RunCommand.RunAsync(options, Command(options).Parse(["--node-id", "nope"]), log, CancellationToken.None);

        Assert.Equal(RunCommand.InvalidOptions, code);
        Assert.StartsWith("run: --node-id (nodeId) 'nope' is not <datacenter>/<host>", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_SourceUnavailable_ExitCode3_WithOneLine()
    {
        var options = new RunOptionSet();
        var log = new StringWriter();
        var args = new[] { "--node-id", "dc1/n1", "--source", "nvidia-smi", "--nvidia-smi-path", Path.Combine(_dir.Path, "missing"), "--no-spool" };

        var code = await RunCommand.RunAsync(options, Command(options).Parse(args), log, CancellationToken.None);

        Assert.Equal(RunCommand.SourceUnavailable, code);
        Assert.Single(log.ToString().TrimEnd().Split('\n'));
    }

    public void Dispose() => _dir.Dispose();

    private static Command Command(RunOptionSet options)
    {
        var command = new Command("run");
        foreach (var option in options.All)
        {
            command.Options.Add(option);
        }

        return command;
    }

    private static ExporterSettings? Parse(out List<string> errors, params string[] args)
    {
        var options = new RunOptionSet();
        return options.ToSettings(Command(options).Parse(args), "Host-A", out errors);
    }

    private string Config(string json)
    {
        Directory.CreateDirectory(_dir.Path);
        var path = Path.Combine(_dir.Path, "exporter.json");
        File.WriteAllText(path, json);
        return path;
    }
}
