namespace Telemetry.Silo.Ingest;

/// <summary>Turns an <see cref="IngestRejection"/> into an RFC 9457 problem+json answer.</summary>
public static class IngestProblems
{
    public static IResult ToResult(HttpContext context, IngestRejection rejection)
    {
        if (rejection.RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var extensions = new Dictionary<string, object?> { ["code"] = rejection.Code };
        if (rejection.ReportIndex is { } index)
        {
            extensions["reportIndex"] = index;
        }

        return TypedResults.Problem(
            detail: rejection.Detail,
            statusCode: rejection.Status,
            title: Title(rejection.Status),
            type: $"urn:telemetry:problem:ingest:{rejection.Code}",
            extensions: extensions);
    }

    private static string Title(int status) => status switch
    {
        400 => "The body is not valid wire format v1",
        401 => "Authentication required",
        403 => "Not allowed for this node",
        413 => "Body too large",
        415 => "Unsupported media type or encoding",
        429 => "Too many requests",
        503 => "Silo not serving",
        _ => "Ingest failed",
    };
}
