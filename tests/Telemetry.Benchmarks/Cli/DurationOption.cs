using System.CommandLine;
using Telemetry.Exporter.Running;

namespace Telemetry.Benchmarks.Cli;

/// <summary>Options that take durations the way the exporter's do: <c>30s</c>, <c>2m</c>, <c>500ms</c>, or bare seconds.</summary>
internal static class DurationOption
{
    public static Option<TimeSpan> Create(string name, string description, TimeSpan defaultValue) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        HelpName = "duration",
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (DurationParser.TryParse(text, out var duration) && duration > TimeSpan.Zero)
            {
                return duration;
            }

            result.AddError($"{name}: '{text}' is not a positive duration; use e.g. 30s, 2m, 500ms.");
            return defaultValue;
        },
    };
}
