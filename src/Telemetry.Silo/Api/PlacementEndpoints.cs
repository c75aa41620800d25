using System.Security.Claims;
using Telemetry.Grains;
using Telemetry.Placement;
using Telemetry.Silo.Auth;

namespace Telemetry.Silo.Api;

/// <summary>The scheduler's side of API.md: <c>POST /api/v1/placement</c> and <c>DELETE /api/v1/reservations/{id}</c>.</summary>
public static class PlacementEndpoints
{
    public static RouteGroupBuilder MapPlacementEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/placement", PlaceAsync).WithName("Place").WithSummary("Ranked places for a job; optionally reserves the first")
            .Produces<PlacementAnswer>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(409).ProducesProblem(422)
            .RequireApiRole(ApiRole.Scheduler);
        api.MapDelete("/reservations/{id}", ReleaseAsync).WithName("ReleaseReservation").WithSummary("Ends a reservation: its GPUs are free again")
            .Produces(204).ProducesProblem(404).RequireApiRole(ApiRole.Scheduler);
        return api;
    }

    private static async Task<IResult> PlaceAsync(PlacementRequest? request, IGrainFactory grains, ClaimsPrincipal user, DataCenterAccess access, CancellationToken ct)
    {
        if (request is null)
        {
            return ApiProblems.BadRequest("The body must be a JSON placement request, e.g. {\"gpus\": 8}.");
        }

        if (ApiCaller.From(user) is { Tenant: { } tenant })
        {
            // A tenant-scoped key places for its own tenant only, and only where that tenant may run.
            if (request.Tenant is { } asked && !string.Equals(asked, tenant, StringComparison.Ordinal))
            {
                return ApiProblems.Forbidden($"This API key places for tenant '{tenant}' only; the request names tenant '{asked}'.");
            }

            var visible = await access.ForAsync(user, ct);
            var allowed = request.DataCenters is { } named ? visible.Filter(named) : visible.Filter(await AllDataCentersAsync(grains));
            if (allowed.Length == 0)
            {
                return ApiProblems.Conflict(request.DataCenters is null
                    ? $"Tenant '{tenant}' may run in no reporting data center: the rebalancing policy's tenantDataCenters names its data centers (PUT /api/v1/rebalance/policy)."
                    : $"Tenant '{tenant}' may run in none of the data centers asked for ({string.Join(", ", request.DataCenters)}).");
            }

            request = request with { Tenant = tenant, DataCenters = allowed };
        }

        var answer = await grains.GetGrain<IPlacementGrain>(0).PlaceAsync(request);
        return answer.Refusal switch
        {
            { Impossible: true } refusal => ApiProblems.Unprocessable(refusal.Detail),
            { } refusal => ApiProblems.Conflict(refusal.Detail),
            null => TypedResults.Ok(new { answer.Candidates, answer.Reservation }),
        };
    }

    private static Task<string[]> AllDataCentersAsync(IGrainFactory grains) =>
        grains.GetGrain<IFleetGrain>(IFleetGrain.Key).GetDataCentersAsync();

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
