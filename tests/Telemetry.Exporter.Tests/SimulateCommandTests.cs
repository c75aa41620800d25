using System.CommandLine;
using Telemetry.Exporter.Cli;
using Telemetry.Exporter.Simulation;

namespace Telemetry.Exporter.Tests;

public sealed class SimulateCommandTests
{
    [Fact]
    public void ToOptions_NoFlags_UsesDocumentedDefaults()
    {
        var options = Parse();

        Assert.Equal([new Uri("http://localhost:5000")], options.Servers);
        Assert.Equal(["dc1", "dc2", "dc3"], options.DataCenters);
        Assert.Equal(10, options.NodesPerDataCenter);
        Assert.Equal(8, options.GpusPerNode);
        Assert.Equal(TimeSpan.FromSeconds(1), options.Interval);
        Assert.Equal(10, options.SamplesPerReport);
        Assert.Equal(TimeSpan.Zero, options.Duration);
        Assert.Equal(64, options.Concurrency);
        Assert.Equal(2e-5, options.XidRatePerGpuHour);
        Assert.Null(options.Seed);
        Assert.Equal(GpuModelSpec.B200, Assert.Single(options.Models).Model);
        Assert.False(options.Gzip);
        Assert.EndsWith(Path.Combine("telemetry-exporter", "spool"), options.SpoolDirectory, StringComparison.Ordinal);
        Assert.Equal(256L << 20, options.SpoolMaxBytes);
        Assert.Empty(options.Validate());
    }

    [Fact]
    public void ToOptions_SpoolFlags_MapToOptions()
    {
        var options = Parse("--spool-dir", "/var/spool/exporter", "--spool-max-mib", "64");
        var off = Parse("--no-spool");

        Assert.Equal("/var/spool/exporter", options.SpoolDirectory);
        Assert.Equal(64L << 20, options.SpoolMaxBytes);
        Assert.Null(off.SpoolDirectory);
    }

    [Fact]
    public void ToOptions_AllFlags_MapToOptions()
    {
        var options = Parse(
            "--server", "http://a:5000", "--server", "http://b:5000,http://c:5000",
            "--datacenter-names", "north,south", "--nodes-per-datacenter", "250", "--gpus-per-node", "4",
            "--interval", "0.5", "--samples-per-report", "5", "--duration", "5m", "--concurrency", "16",
            "--xid-rate", "0.01", "--seed", "42", "--model", "B200:3,H200:1", "--token", "t0k", "--gzip", "--time-scale", "4");

        Assert.Equal(["http://a:5000/", "http://b:5000/", "http://c:5000/"], options.Servers.Select(s => s.ToString()));
        Assert.Equal(["north", "south"], options.DataCenters);
        Assert.Equal(250, options.NodesPerDataCenter);
        Assert.Equal(4, options.GpusPerNode);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.Interval);
        Assert.Equal(5, options.SamplesPerReport);
        Assert.Equal(TimeSpan.FromMinutes(5), options.Duration);
        Assert.Equal(16, options.Concurrency);
        Assert.Equal(0.01, options.XidRatePerGpuHour);
        Assert.Equal(42, options.Seed);
        Assert.Equal([GpuModelSpec.B200, GpuModelSpec.H200], options.Models.Select(m => m.Model));
        Assert.Equal([3.0, 1.0], options.Models.Select(m => m.Weight));
        Assert.Equal("t0k", options.Token);
        Assert.True(options.Gzip);
        Assert.Equal(4, options.TimeScale);
        Assert.Empty(options.Validate());
    }

    [Theory]
    [InlineData("--duration", "soon")]
    [InlineData("--model", "A100")]
    [InlineData("--model", "B200:0")]
    public void Parse_BadValue_ReportsParseError(string flag, string value)
    {
        var (command, _) = Build();

        Assert.NotEmpty(command.Parse([flag, value]).Errors);
    }

    [Theory]
    [InlineData("--datacenters", "2", "--nodes-per-datacenter", "0")]
    [InlineData("--server", "not a url")]
    [InlineData("--interval", "0.01", "--samples-per-report", "100")]
    [InlineData("--time-scale", "4")]
    [InlineData("--time-scale", "0.5", "--duration", "1m")]
    public void ToOptions_UnusableValues_FailValidation(params string[] args) =>
        Assert.NotEmpty(Parse(args).Validate());

    private static SimulatorOptions Parse(params string[] args)
    {
        var (command, set) = Build();
        var result = command.Parse(args);
        Assert.Empty(result.Errors);
        return set.ToOptions(result);
    }

    private static (Command Command, SimulateOptionSet Set) Build()
    {
        var set = new SimulateOptionSet();
        var command = new Command("simulate");
        foreach (var option in set.All)
        {
            command.Options.Add(option);
        }

        return (command, set);
    }
}
