using System.Text.RegularExpressions;

namespace Telemetry.Silo.Auth;

/// <summary>Turns <see cref="AuthOptions"/> into <see cref="ApiKey"/>s, or into errors that each name the configuration key at fault.</summary>
public static partial class ApiKeyParser
{
    /// <summary>The parsed keys, and one error line per bad setting (empty when all are good).</summary>
    public static (IReadOnlyList<ApiKey> Keys, IReadOnlyList<string> Errors) Parse(AuthOptions options)
    {
        var keys = new List<ApiKey>();
        var errors = new List<string>();
        foreach (var (name, entry) in options.ApiKeys.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            var prefix = $"{AuthOptions.Section}:ApiKeys:{name}";
            var hash = Hash(entry.Sha256, $"{prefix}:Sha256", errors);
            var role = Role(entry.Role, $"{prefix}:Role", errors);
            var tenant = string.IsNullOrEmpty(entry.Tenant) ? null : entry.Tenant;
            if (tenant is not null && !TenantPattern().IsMatch(tenant))
            {
                errors.Add($"{prefix}:Tenant is '{tenant}'; expected 1–64 characters of a-z, 0-9, '.', '_' or '-'.");
            }

            if (hash is not null && role is { } r)
            {
                if (keys.FirstOrDefault(k => k.Sha256.AsSpan().SequenceEqual(hash)) is { } twin)
                {
                    errors.Add($"{prefix}:Sha256 is the same as {AuthOptions.Section}:ApiKeys:{twin.Name}:Sha256; each key needs its own.");
                }

                keys.Add(new ApiKey(name, hash, r, tenant));
            }
        }

        return (keys, errors);
    }

    private static byte[]? Hash(string? hex, string key, List<string> errors)
    {
        if (string.IsNullOrEmpty(hex) || hex.Length != 64 || !HexPattern().IsMatch(hex))
        {
            // The value is not echoed: a key pasted here by mistake must not reach the log.
            errors.Add($"{key} must be 64 hex digits, the SHA-256 of the key (e.g. printf %s \"$KEY\" | sha256sum); got {(string.IsNullOrEmpty(hex) ? "nothing" : $"{hex.Length} characters")}.");
            return null;
        }

        return Convert.FromHexString(hex);
    }

    private static ApiRole? Role(string? value, string key, List<string> errors)
    {
        if (Enum.TryParse<ApiRole>(value, ignoreCase: true, out var role) && Enum.IsDefined(role) && !int.TryParse(value, out _))
        {
            return role;
        }

        errors.Add($"{key} is '{value}'; expected viewer, scheduler, operator or admin.");
        return null;
    }

    [GeneratedRegex("^[0-9a-fA-F]{64}$")]
    private static partial Regex HexPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$")]
    private static partial Regex TenantPattern();
}
