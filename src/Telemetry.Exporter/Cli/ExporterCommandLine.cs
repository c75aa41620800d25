using System.CommandLine;

namespace Telemetry.Exporter.Cli;

/// <summary>
/// The exporter's command line: <c>run</c>, <c>simulate</c>, <c>token</c>. Bad flags or values stop it with one line
/// naming them and exit code 2, before any command runs; System.CommandLine's default (the help text, exit code 1)
/// would read as "reports rejected".
/// </summary>
public static class ExporterCommandLine
{
    /// <summary>Exit code for unusable flags, values or config file, shared by every command.</summary>
    public const int InvalidOptions = 2;

    /// <summary>The root command with its subcommands.</summary>
    public static RootCommand Create() => new("GPU telemetry exporter: streams node reports to the telemetry cluster's ingest API.")
    {
        RunCommand.Create(),
        SimulateCommand.Create(),
        TokenCommand.Create(),
    };

    /// <summary>Parses <paramref name="args"/> and runs the command they name; the exit code is the command's, or 2 for bad arguments.</summary>
    public static async Task<int> InvokeAsync(string[] args, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        var result = Create().Parse(args);
        if (result.Errors.Count > 0)
        {
            var command = result.CommandResult.Command is RootCommand ? "telemetry-exporter" : result.CommandResult.Command.Name;
            var problems = result.Errors.Select(e => e.Message).Distinct(StringComparer.Ordinal);
            await error.WriteLineAsync($"{command}: {string.Join("; ", problems)} (see --help)");

            return InvalidOptions;
        }

        return await result.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, ct);
    }
}
