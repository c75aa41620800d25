using System.Security.Claims;
using Telemetry.Grains;
using Telemetry.Grains.Placement;
using Telemetry.Placement;
using Telemetry.Silo.Auth;

namespace Telemetry.Silo.Api;

/// <summary>The scheduler's side of API.md: <c>POST /api/v1/placement</c>, and reading, extending and releasing reservations.</summary>
public static class PlacementEndpoints
{
    public static RouteGroupBuilder MapPlacementEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/placement", PlaceAsync).WithName("Place").WithSummary("Ranked places for a job; optionally reserves the first")
            .Produces<PlacementAnswer>().ProducesProblem(400).ProducesProblem(403).ProducesProblem(409).ProducesProblem(422)
            .RequireApiRole(ApiRole.Scheduler);
        api.MapGet("/reservations/{id}", GetReservationAsync).WithName("GetReservation").WithSummary("A reservation: its nodes, GPUs (with the share of a GPU) and expiry")
            .Produces<PlacementReservation>().ProducesProblem(404).RequireApiRole(ApiRole.Scheduler);
        api.MapPost("/reservations/{id}/extend", ExtendAsync).WithName("ExtendReservation").WithSummary("Holds a reservation's GPUs for reserveSeconds from now")
            .Produces<PlacementReservation>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(422).RequireApiRole(ApiRole.Scheduler);
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

            var known = await AllDataCentersAsync(grains);
            if (request.DataCenters?.Where(d => !known.Contains(d, StringComparer.Ordinal)).ToArray() is { Length: > 0 } unknown)
            {
                return ApiProblems.Unprocessable($"dataCenters names unknown data center(s) {string.Join(", ", unknown)}.");
            }

            var visible = await access.ForAsync(user, ct);
            var allowed = visible.Filter(request.DataCenters ?? known);
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

    private static async Task<IResult> GetReservationAsync(string id, IGrainFactory grains) =>
        NotAReservation(id) ?? (await grains.GetGrain<IReservationGrain>(id).GetAsync() is { } reservation ? TypedResults.Ok(reservation) : Gone(id));

    private static async Task<IResult> ExtendAsync(string id, ReservationExtension? body, IGrainFactory grains, TimeProvider time)
    {
        if (NotAReservation(id) is { } notOne)
        {
            return notOne;
        }

        if (body?.ReserveSeconds is not { } seconds)
        {
            return ApiProblems.BadRequest("reserveSeconds is required: the body must be JSON such as {\"reserveSeconds\": 300}.");
        }

        if (seconds is < 1 or > PlacementRules.MaxReserveSeconds)
        {
            return ApiProblems.Unprocessable($"reserveSeconds must be 1–{PlacementRules.MaxReserveSeconds}; got {seconds}.");
        }

        return await grains.GetGrain<IReservationGrain>(id).ExtendAsync(time.GetUtcNow().AddSeconds(seconds)) is { } reservation
            ? TypedResults.Ok(reservation)
            : Gone(id);
    }

    private static async Task<IResult> ReleaseAsync(string id, IGrainFactory grains) =>
        NotAReservation(id) ?? (await grains.GetGrain<IReservationGrain>(id).ReleaseAsync() ? TypedResults.NoContent() : Gone(id));

    private static IResult? NotAReservation(string id) =>
        id.Length > 64 || !id.StartsWith("r-", StringComparison.Ordinal)
            ? ApiProblems.NotFound($"'{id}' is not a reservation id (they look like r-<32 hex digits>).")
            : null;

    private static IResult Gone(string id) => ApiProblems.NotFound($"Reservation '{id}' is unknown, already released or expired; its GPUs are not held.");
}
