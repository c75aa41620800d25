using System.Globalization;

namespace Telemetry.Exporter.Running;

/// <summary>Reads durations people type: <c>30s</c>, <c>5m</c>, <c>1h30m</c>, <c>250ms</c>, <c>2d</c>, a bare number of seconds, or <c>hh:mm:ss</c>.</summary>
public static class DurationParser
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim().ToLowerInvariant();
        if (s.Contains(':', StringComparison.Ordinal))
        {
            return TimeSpan.TryParse(s, CultureInfo.InvariantCulture, out duration) && duration >= TimeSpan.Zero;
        }

        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var bareSeconds))
        {
            return TryFromSeconds(bareSeconds, out duration);
        }

        double totalSeconds = 0;
        var i = 0;
        while (i < s.Length)
        {
            var numberStart = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.'))
            {
                i++;
            }

            var unitStart = i;
            while (i < s.Length && char.IsAsciiLetterLower(s[i]))
            {
                i++;
            }

            if (unitStart == numberStart
                || !double.TryParse(s.AsSpan(numberStart, unitStart - numberStart), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                || UnitSeconds(s.AsSpan(unitStart, i - unitStart)) is not { } unit)
            {
                return false;
            }

            totalSeconds += value * unit;
        }

        return TryFromSeconds(totalSeconds, out duration);
    }

    private static double? UnitSeconds(ReadOnlySpan<char> unit) => unit switch
    {
        "ms" => 0.001,
        "s" or "sec" => 1,
        "m" or "min" => 60,
        "h" => 3600,
        "d" => 86400,
        _ => null,
    };

    private static bool TryFromSeconds(double seconds, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (!double.IsFinite(seconds) || seconds < 0 || seconds > TimeSpan.MaxValue.TotalSeconds / 2)
        {
            return false;
        }

        duration = TimeSpan.FromSeconds(seconds);
        return true;
    }
}
