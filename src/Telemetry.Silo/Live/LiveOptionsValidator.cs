using Microsoft.Extensions.Options;

namespace Telemetry.Silo.Live;

/// <summary>Checks <see cref="LiveOptions"/> at start, naming the key that is wrong.</summary>
public sealed class LiveOptionsValidator : IValidateOptions<LiveOptions>
{
    public ValidateOptionsResult Validate(string? name, LiveOptions options)
    {
        var errors = new List<string>();
        Check(errors, nameof(LiveOptions.PollInterval), options.PollInterval, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(10));
        Check(errors, nameof(LiveOptions.SummaryInterval), options.SummaryInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1));
        Check(errors, nameof(LiveOptions.HeartbeatInterval), options.HeartbeatInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(2));
        if (options.ClientBuffer is < 16 or > 65_536)
        {
            errors.Add($"{LiveOptions.Section}:{nameof(LiveOptions.ClientBuffer)} is {options.ClientBuffer}; expected 16–65536 events.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Check(List<string> errors, string key, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            errors.Add($"{LiveOptions.Section}:{key} is {value}; expected between {min} and {max}.");
        }
    }
}
