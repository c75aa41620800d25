using System.Diagnostics.Metrics;

namespace Telemetry.Silo.Metrics;

/// <summary>
/// Counts placement requests (<c>POST /api/v1/placement</c>) and the refusals among them by status, read from the
/// answer after the endpoint ran, so the placement code itself carries no metrics.
/// </summary>
public sealed class PlacementMetrics
{
    /// <summary>The endpoint name of <c>POST /api/v1/placement</c>.</summary>
    public const string PlaceEndpoint = "Place";

    private readonly Counter<long> _requests;
    private readonly Counter<long> _refusals;

    public PlacementMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(SiloInstruments.MeterName);
        _requests = meter.CreateCounter<long>("telemetry.placement.requests", description: "Placement requests answered.");
        _refusals = meter.CreateCounter<long>("telemetry.placement.refusals", description: "Placement requests refused (4xx or 5xx), by status.");
    }

    public async Task CountAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException e)
        {
            // An unreadable body throws past this middleware; the exception handler outside it answers 400.
            Count(context, e.StatusCode);
            throw;
        }

        Count(context, context.Response.StatusCode);
    }

    private void Count(HttpContext context, int status)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName != PlaceEndpoint)
        {
            return;
        }

        _requests.Add(1);
        if (status >= 400)
        {
            _refusals.Add(1, new KeyValuePair<string, object?>("status", status));
        }
    }
}
