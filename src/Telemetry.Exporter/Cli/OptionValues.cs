using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;
using Telemetry.Exporter.Running;

namespace Telemetry.Exporter.Cli;

/// <summary>
/// Parsers for the flags' values that report a bad value as a parse error naming the flag, never by throwing,
/// and without the runtime's type names that System.CommandLine's own message would show.
/// </summary>
internal static class OptionValues
{
    /// <summary>A number in invariant culture (<c>2.5</c>, <c>1e3</c>); integers reject fractions.</summary>
    public static T Number<T>(ArgumentResult result)
        where T : struct, INumber<T>
    {
        var text = Text(result);
        var style = typeof(T) == typeof(double) || typeof(T) == typeof(float) ? NumberStyles.Float : NumberStyles.Integer;
        if (T.TryParse(text, style, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        result.AddError($"{Name(result)}: '{text}' is not {(style == NumberStyles.Integer ? "a whole number" : "a number")}.");
        return T.Zero;
    }

    /// <summary>A duration: <c>30s</c>, <c>5m</c>, <c>1h30m</c>, <c>500ms</c> or bare seconds.</summary>
    public static TimeSpan Duration(ArgumentResult result, string hint)
    {
        var text = Text(result);
        if (DurationParser.TryParse(text, out var duration))
        {
            return duration;
        }

        result.AddError($"{Name(result)}: '{text}' is not a duration; {hint}");
        return TimeSpan.Zero;
    }

    /// <summary>The flag's name, as the user typed it, for messages.</summary>
    public static string Name(ArgumentResult result) =>
        result.Parent is OptionResult option ? option.Option.Name : result.Argument.Name;

    private static string Text(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
}
