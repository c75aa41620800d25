using System.Text.Json;
using System.Text.RegularExpressions;

namespace Telemetry.Silo.Api;

/// <summary>
/// Says in words what was wrong with a request the framework could not bind: malformed JSON, a value of the wrong
/// type or out of range (naming the field by its JSON path), or a query or route value that does not parse.
/// </summary>
public static partial class BadRequestDetail
{
    public static string For(BadHttpRequestException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.InnerException is JsonException json ? ForJson(json) : exception.Message;
    }

    public static string ForJson(JsonException json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var field = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? null : json.Path.StartsWith("$.", StringComparison.Ordinal) ? json.Path[2..] : json.Path;
        var where = json.LineNumber is { } line ? $" (line {line + 1}, byte {(json.BytePositionInLine ?? 0) + 1})" : "";
        if (ConvertedTo().Match(json.Message) is { Success: true } match)
        {
            var expected = Expected(match.Groups[1].Value);
            return field is null ? $"The body must be a JSON object{where}."
                : expected is null ? $"Field '{field}' has a value of the wrong type{where}."
                : $"Field '{field}' must be {expected}; the value given is of another type or out of range{where}.";
        }

        // Syntax errors: the reader's own words (an invalid start of a value, a missing comma, …) say what broke.
        var reason = json.InnerException?.Message ?? json.Message;
        var cut = reason.IndexOf(" Path:", StringComparison.Ordinal);
        reason = cut > 0 ? reason[..cut] : reason;
        return field is null
            ? $"The body is not valid JSON{where}: {reason}"
            : $"The body is not valid JSON at field '{field}'{where}: {reason}";
    }

    // Null for a type of the request itself: the serializer names the record, not the field's type, when a constructor parameter fails.
    private static string? Expected(string type)
    {
        var name = type.Split('.')[^1].TrimEnd(']', '[');
        return name switch
        {
            "Int32" => $"a whole number from {int.MinValue} to {int.MaxValue}",
            "Int64" => $"a whole number from {long.MinValue} to {long.MaxValue}",
            "Double" or "Single" or "Decimal" => "a number",
            "Boolean" => "true or false",
            "String" => "a string",
            "DateTimeOffset" or "DateTime" => "an ISO 8601 date and time, e.g. 2026-01-31T12:00:00Z",
            "TimeSpan" => "a duration, e.g. 00:10:00",
            _ when type.Contains("[]", StringComparison.Ordinal) || type.Contains("List", StringComparison.Ordinal) => "an array",
            _ when type.Contains("Dictionary", StringComparison.Ordinal) => "an object",
            _ => null,
        };
    }

    [GeneratedRegex(@"could not be converted to ([\w.`\[\], ]+?)\.(?: Path|$)")]
    private static partial Regex ConvertedTo();
}
