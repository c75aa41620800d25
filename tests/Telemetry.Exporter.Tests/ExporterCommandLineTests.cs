using Telemetry.Exporter.Cli;

namespace Telemetry.Exporter.Tests;

public sealed class ExporterCommandLineTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Theory]
    [InlineData("run: --duration: 'xyz' is not a duration; use e.g. 30s, 5m, 1h30m. (see --help)", "run", "--duration", "xyz")]
    [InlineData("run: --sample-hz: 'abc' is not a number. (see --help)", "run", "--sample-hz", "abc")]
    [InlineData("run: --spool-max-mib: '1.5' is not a whole number. (see --help)", "run", "--spool-max-mib", "1.5")]
    [InlineData("simulate: --duration: 'soon' is not a duration; use e.g. 30s, 5m, 1h30m, or 0 to run until Ctrl-C. (see --help)", "simulate", "--duration", "soon")]
    [InlineData("simulate: --nodes-per-datacenter: 'many' is not a whole number. (see --help)", "simulate", "--nodes-per-datacenter", "many")]
    [InlineData("simulate: --interval: 'fast' is not a number. (see --help)", "simulate", "--interval", "fast")]
    [InlineData("simulate: --seed: '0x1' is not a whole number. (see --help)", "simulate", "--seed", "0x1")]
    public async Task InvokeAsync_BadOptionValue_OneLineNamingTheFlag_ExitCode2(string expected, params string[] args)
    {
        var (code, error) = await InvokeAsync(args);

        Assert.Equal(ExporterCommandLine.InvalidOptions, code);
        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData("--report-every", "run", "--report-every", "5s", "--node-id", "dc1/n1")]
    [InlineData("--scenario", "simulate", "--scenario", "meltdown")]
    [InlineData("--model", "simulate", "--model", "H100:-1")]
    [InlineData("--gpus-per-node", "simulate", "--gpus-per-node", "")]
    [InlineData("--no-such-flag", "run", "--no-such-flag")]
    [InlineData("launch", "launch")]
    public async Task InvokeAsync_BadArguments_OneLineWithoutAStackTrace_ExitCode2(string named, params string[] args)
    {
        var (code, error) = await InvokeAsync(args);

        Assert.Equal(ExporterCommandLine.InvalidOptions, code);
        Assert.Single(error.Split('\n'));
        Assert.Contains(named, error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_TokenSecretFileMissing_ExitCode2()
    {
        var (code, _) = await InvokeAsync("token", "--node", "dc1/n1", "--secret-file", Path.Combine(_dir.Path, "missing"));

        Assert.Equal(ExporterCommandLine.InvalidOptions, code);
    }

    [Fact]
    public void TryReadSecret_MissingFile_OneLineNamingTheFile()
    {
        var path = Path.Combine(_dir.Path, "missing");
        var error = new StringWriter();

        Assert.False(TokenCommand.TryReadSecret(path, error, out var secret));
        Assert.Null(secret);
        var line = Assert.Single(error.ToString().TrimEnd().Split('\n'));
        Assert.StartsWith($"token: --secret-file {path}: ", line, StringComparison.Ordinal);
    }

    [Fact]
    public void TryReadSecret_Directory_OneLine()
    {
        var error = new StringWriter();

        Directory.CreateDirectory(_dir.Path);

        Assert.False(TokenCommand.TryReadSecret(_dir.Path, error, out _));
        Assert.Single(error.ToString().TrimEnd().Split('\n'));
    }

    [Fact]
    public void TryReadSecret_File_IsTrimmed()
    {
        Directory.CreateDirectory(_dir.Path);
        var path = Path.Combine(_dir.Path, "secret");
        File.WriteAllText(path, "s3cret\n");

        Assert.True(TokenCommand.TryReadSecret(path, new StringWriter(), out var secret));
        Assert.Equal("s3cret", secret);
    }

    public void Dispose() => _dir.Dispose();

    private static async Task<(int Code, string Error)> InvokeAsync(params string[] args)
    {
        var error = new StringWriter();
        var code = await ExporterCommandLine.InvokeAsync(args, new StringWriter(), error);
        return (code, error.ToString().TrimEnd());
    }
}
