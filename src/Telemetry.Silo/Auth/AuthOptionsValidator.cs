using Microsoft.Extensions.Options;

namespace Telemetry.Silo.Auth;

/// <summary>Stops start-up on a bad API key setting, naming the key (<c>Telemetry:Auth:ApiKeys:&lt;name&gt;:…</c>).</summary>
public sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var (_, errors) = ApiKeyParser.Parse(options);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
