using Microsoft.Extensions.Options;

namespace Telemetry.Silo.Ingest;

/// <summary>Checks <see cref="IngestOptions"/> at start, naming the key that is wrong.</summary>
public sealed class IngestOptionsValidator : IValidateOptions<IngestOptions>
{
    /// <summary>Smallest sensible body limit: one report of a few GPUs.</summary>
    public const long MinBodyBytes = 1024;

    /// <summary>Largest body limit: bodies are buffered whole, so this bounds memory per request.</summary>
    public const long MaxBodyBytes = 256L * 1024 * 1024;

    /// <summary>Largest concurrency bound: beyond it the bound no longer bounds memory in any useful way.</summary>
    public const int MaxConcurrentRequests = 10_000;

    public ValidateOptionsResult Validate(string? name, IngestOptions options)
    {
        var errors = new List<string>();
        if (options.MaxBodyBytes is < MinBodyBytes or > MaxBodyBytes)
        {
            errors.Add($"Ingest:MaxBodyBytes is {options.MaxBodyBytes}; expected {MinBodyBytes}–{MaxBodyBytes} bytes.");
        }

        if (options.MaxClockSkew < TimeSpan.Zero || options.MaxClockSkew > TimeSpan.FromDays(1))
        {
            errors.Add($"Ingest:MaxClockSkew is {options.MaxClockSkew}; expected between 00:00:00 and 1.00:00:00.");
        }

        if (options.MaxConcurrentRequests is < 1 or > MaxConcurrentRequests)
        {
            errors.Add($"Ingest:MaxConcurrentRequests is {options.MaxConcurrentRequests}; expected 1–{MaxConcurrentRequests}.");
        }

        if (options.TokenSecret is { Length: < 16 })
        {
            errors.Add("Ingest:TokenSecret is too short; use at least 16 characters (32 random bytes, base64, is a good secret).");
        }

        if (options.PreviousTokenSecret is { Length: < 16 })
        {
            errors.Add("Ingest:PreviousTokenSecret is too short; use at least 16 characters, as for Ingest:TokenSecret.");
        }

        if (options.PreviousTokenSecret is not null && string.IsNullOrEmpty(options.TokenSecret))
        {
            errors.Add("Ingest:PreviousTokenSecret is set without Ingest:TokenSecret; set the new secret as Ingest:TokenSecret.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
