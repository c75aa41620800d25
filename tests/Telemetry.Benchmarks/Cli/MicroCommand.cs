using System.CommandLine;
using BenchmarkDotNet.Running;

namespace Telemetry.Benchmarks.Cli;

/// <summary><c>micro</c>: hands every argument after it to BenchmarkDotNet's switcher over this assembly's benchmark classes.</summary>
internal static class MicroCommand
{
    public static Command Create()
    {
        var command = new Command("micro", "BenchmarkDotNet micro-benchmarks; the remaining arguments go to BenchmarkDotNet, e.g. micro --filter '*' or micro --list flat.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(result =>
        {
            BenchmarkSwitcher.FromAssembly(typeof(MicroCommand).Assembly).Run([.. result.UnmatchedTokens]);
            return 0;
        });
        return command;
    }
}
