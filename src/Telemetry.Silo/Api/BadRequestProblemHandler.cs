using Microsoft.AspNetCore.Diagnostics;

namespace Telemetry.Silo.Api;

/// <summary>Answers a request the framework could not bind (bad JSON, a query value that does not parse) with problem+json and a detail, never an empty 400.</summary>
public sealed class BadRequestProblemHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = bad.StatusCode,
                Title = bad.StatusCode == StatusCodes.Status400BadRequest ? "Bad request" : null,
                Detail = BadRequestDetail.For(bad),
            },
        });
    }
}
