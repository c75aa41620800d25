using Microsoft.Extensions.Options;
using Telemetry.Grains.Rebalancing;

namespace Telemetry.Silo.Rebalancing;

/// <summary>Checks <see cref="RebalancerOptions"/> at start, naming the key that is wrong.</summary>
public sealed class RebalancerOptionsValidator : IValidateOptions<RebalancerOptions>
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxInterval = TimeSpan.FromHours(1);

    public ValidateOptionsResult Validate(string? name, RebalancerOptions options) =>
        options.Interval < MinInterval || options.Interval > MaxInterval
            ? ValidateOptionsResult.Fail($"{RebalancerOptions.Section}:Interval is {options.Interval}; expected between {MinInterval} and {MaxInterval}.")
            : ValidateOptionsResult.Success;
}
