using Microsoft.Extensions.Options;

namespace Telemetry.Silo.Sink;

/// <summary>Checks <see cref="InfluxOptions"/> at start when the sink is on, naming the key that is wrong.</summary>
public sealed class InfluxOptionsValidator : IValidateOptions<InfluxOptions>
{
    private const string Prefix = InfluxOptions.Section + ":";

    public ValidateOptionsResult Validate(string? name, InfluxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!Uri.TryCreate(options.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"{Prefix}Url is '{options.Url}'; expected InfluxDB 2's http:// or https:// address, e.g. http://influxdb:8086.");
        }

        Require(options.Token, "Token", "an InfluxDB 2 API token that may write to the bucket", errors);
        Require(options.Org, "Org", "the organization that owns the bucket", errors);
        Require(options.Bucket, "Bucket", "the bucket to write to, e.g. telemetry", errors);
        Range(options.SpoolMaxMiB, 1, 1 << 20, "SpoolMaxMiB", "MiB", errors);
        Range(options.BatchSize, 1, 100_000, "BatchSize", "points", errors);
        Range(options.QueueCapacity, options.BatchSize, 10_000_000, "QueueCapacity", "points (at least BatchSize)", errors);
        Range(options.MaxAttempts, 1, 20, "MaxAttempts", "tries", errors);
        Positive(options.FlushInterval, TimeSpan.FromMinutes(1), "FlushInterval", errors);
        Positive(options.RetryDelay, TimeSpan.FromMinutes(1), "RetryDelay", errors);
        Positive(options.MaxRetryDelay, TimeSpan.FromHours(1), "MaxRetryDelay", errors);
        Positive(options.WriteTimeout, TimeSpan.FromMinutes(5), "WriteTimeout", errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Require(string? value, string key, string what, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add($"{Prefix}{key} is not set; the sink needs {what} when {Prefix}Url is set.");
        }
    }

    private static void Range(int value, int min, int max, string key, string unit, List<string> errors)
    {
        if (value < min || value > max)
        {
            errors.Add($"{Prefix}{key} is {value}; expected {min}–{max} {unit}.");
        }
    }

    private static void Positive(TimeSpan value, TimeSpan max, string key, List<string> errors)
    {
        if (value <= TimeSpan.Zero || value > max)
        {
            errors.Add($"{Prefix}{key} is {value}; expected more than 00:00:00 and at most {max}.");
        }
    }
}
