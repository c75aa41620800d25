namespace Telemetry.Silo.Api;

/// <summary>The body of an operator's action (API.md): why it is taken, for the decision log.</summary>
/// <param name="Reason">Why, in a few words (1–500 characters), e.g. "GPU reset after XID 79, ticket OPS-1234".</param>
public sealed record OperatorRequest(string? Reason)
{
    /// <summary>Longest reason kept.</summary>
    public const int MaxReasonLength = 500;

    /// <summary>What is wrong with the request, or null when it can be acted on.</summary>
    public static string? Problem(OperatorRequest? request) => request?.Reason switch
    {
        null => "The body must be JSON {\"reason\": \"…\"}: reason says why, for the decision log.",
        { } r when string.IsNullOrWhiteSpace(r) => "reason must not be empty: say why, for the decision log.",
        { Length: > MaxReasonLength } r => $"reason is {r.Length} characters; at most {MaxReasonLength}.",
        _ => null,
    };
}
