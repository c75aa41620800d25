using Microsoft.AspNetCore.Diagnostics;

namespace Telemetry.Silo.Api;

/// <summary>
/// Answers a read whose grain call hit a silo that just died (the moment before the cluster re-places its grains)
/// with 503 and <c>Retry-After: 1</c>, as ingest does: a failover is worth a retry, never a 500.
/// </summary>
public sealed class ClusterUnavailableProblemHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is not (SiloUnavailableException or OrleansMessageRejectionException))
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "1";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Cluster changing",
                Detail = "A silo of the cluster became unavailable during this request; retry in a second.",
            },
        });
    }
}
