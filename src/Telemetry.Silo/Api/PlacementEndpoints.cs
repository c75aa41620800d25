using Telemetry.Grains;
using Telemetry.Placement;

namespace Telemetry.Silo.Api;

/// <summary>The scheduler's side of API.md: <c>POST /api/v1/placement</c> and <c>DELETE /api/v1/reservations/{id}</c>.</summary>
public static class PlacementEndpoints
{
    public static RouteGroupBuilder MapPlacementEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/placement", PlaceAsync).WithName("Place").WithSummary("Ranked places for a job; optionally reserves the first")
            .Produces<PlacementAnswer>().ProducesProblem(400).ProducesProblem(409).ProducesProblem(422);
        api.MapDelete("/reservations/{id}", ReleaseAsync).WithName("ReleaseReservation").WithSummary("Ends a reservation: its GPUs are free again")
            .Produces(204).ProducesProblem(404);
        return api;
    }

    private static async Task<IResult> PlaceAsync(PlacementRequest? request, IGrainFactory grains)
    {
        if (request is null)
        {
            return ApiProblems.BadRequest("The body must be a JSON placement request, e.g. {\"gpus\": 8}.");
        }

        var answer = await grains.GetGrain<IPlacementGrain>(0).PlaceAsync(request);
        return answer.Refusal switch
        {
            { Impossible: true } refusal => ApiProblems.Unprocessable(refusal.Detail),
            { } refusal => ApiProblems.Conflict(refusal.Detail),
            null => TypedResults.Ok(new { answer.Candidates, answer.Reservation }),
        };
    }

    private static async Task<IResult> ReleaseAsync(string id, IGrainFactory grains)
    {
        if (id.Length > 64 || !id.StartsWith("r-", StringComparison.Ordinal))
        {
            return ApiProblems.NotFound($"'{id}' is not a reservation id (they look like r-<32 hex digits>).");
        }

        return await grains.GetGrain<IReservationGrain>(id).ReleaseAsync()
            ? TypedResults.NoContent()
            : ApiProblems.NotFound($"Reservation '{id}' is unknown, already released or expired; its GPUs are not held.");
    }
}
