using Microsoft.Extensions.Options;
using Telemetry.Grains.Jobs;

namespace Telemetry.Silo.Jobs;

/// <summary>Refuses straggler settings that would make the rule meaningless, naming the setting.</summary>
public sealed class StragglerOptionsValidator : IValidateOptions<StragglerOptions>
{
    private const string Prefix = StragglerOptions.Section + ":";

    public ValidateOptionsResult Validate(string? name, StragglerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        Check(errors, options.MinGpus >= 3, nameof(options.MinGpus), options.MinGpus, "at least 3 (a median of two has no majority)");
        Check(errors, options.LagWindows is >= 1 and <= 60, nameof(options.LagWindows), options.LagWindows, "1–60 windows");
        Check(errors, options.ClearWindows is >= 1 and <= 60, nameof(options.ClearWindows), options.ClearWindows, "1–60 windows");
        Check(errors, options.SpreadMultiplier is >= 1 and <= 20, nameof(options.SpreadMultiplier), options.SpreadMultiplier, "1–20");
        Check(errors, options.MinRelativeGap is > 0 and < 1, nameof(options.MinRelativeGap), options.MinRelativeGap, "between 0 and 1 (a share of the job median)");
        Check(errors, options.BusySmActive is >= 0 and <= 1, nameof(options.BusySmActive), options.BusySmActive, "0–1");
        Check(errors, options.BusyGpuUtilPct is >= 0 and <= 100, nameof(options.BusyGpuUtilPct), options.BusyGpuUtilPct, "0–100");
        Check(errors, options.ExpireWindows is >= 2 and <= 360, nameof(options.ExpireWindows), options.ExpireWindows, "2–360 windows");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Check(List<string> errors, bool ok, string setting, double value, string expected)
    {
        if (!ok)
        {
            errors.Add($"{Prefix}{setting} is {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}; expected {expected}.");
        }
    }
}
