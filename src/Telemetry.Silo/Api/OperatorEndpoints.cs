using System.Security.Claims;
using Telemetry.Grains;
using Telemetry.Rebalancing;
using Telemetry.Silo.Auth;
using Telemetry.Wire;

namespace Telemetry.Silo.Api;

/// <summary>
/// Operators' actions (API.md): clear a GPU's health after a reset, drain and undrain a node by hand. Each needs the
/// operator role and a reason, and is recorded in the decision log (who, when, why) and on the live stream.
/// </summary>
public static class OperatorEndpoints
{
    public static RouteGroupBuilder MapOperatorEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/gpus/{uuid}/health/clear", ClearAsync).WithName("ClearGpuHealth").WithSummary("Clears a GPU's health verdicts after a reset")
            .Produces<RebalanceDecision>().ProducesProblem(400).ProducesProblem(404).RequireApiRole(ApiRole.Operator);
        api.MapPost("/nodes/{dc}/{host}/drain", (string dc, string host, OperatorRequest? body, IGrainFactory grains, ClaimsPrincipal user, DataCenterAccess access, CancellationToken ct) =>
                DrainAsync(DecisionKind.Drain, dc, host, body, grains, user, access, ct))
            .WithName("DrainNode").WithSummary("Drains a node by hand; the rebalancer never undoes it")
            .Produces<RebalanceDecision>().ProducesProblem(400).ProducesProblem(404).RequireApiRole(ApiRole.Operator);
        api.MapPost("/nodes/{dc}/{host}/undrain", (string dc, string host, OperatorRequest? body, IGrainFactory grains, ClaimsPrincipal user, DataCenterAccess access, CancellationToken ct) =>
                DrainAsync(DecisionKind.Undrain, dc, host, body, grains, user, access, ct))
            .WithName("UndrainNode").WithSummary("Undrains a node by hand")
            .Produces<RebalanceDecision>().ProducesProblem(400).ProducesProblem(404).RequireApiRole(ApiRole.Operator);
        return api;
    }

    private static async Task<IResult> ClearAsync(string uuid, OperatorRequest? body, IGrainFactory grains, ClaimsPrincipal user, DataCenterAccess access, CancellationToken ct)
    {
        if (uuid.Length > StateEndpoints.MaxUuidLength)
        {
            return ApiProblems.BadRequest($"A GPU UUID is at most {StateEndpoints.MaxUuidLength} characters.");
        }

        if (OperatorRequest.Problem(body) is { } problem)
        {
            return ApiProblems.BadRequest(problem);
        }

        var gpu = grains.GetGrain<IGpuGrain>(uuid);
        var snapshot = await gpu.GetSnapshotAsync();
        if (snapshot is null || !(await access.ForAsync(user, ct)).Contains(snapshot.DataCenter))
        {
            return ApiProblems.NotFound($"GPU '{uuid}' has not reported to this cluster.");
        }

        var cleared = await gpu.ClearHealthAsync() ?? [];
        var action = new OperatorAction(DecisionKind.Clear, By(user), body!.Reason!.Trim(), snapshot.Node, uuid);
        return TypedResults.Ok(await grains.GetGrain<IRebalancerGrain>(IRebalancerGrain.Key).RecordClearAsync(action, cleared));
    }

    private static async Task<IResult> DrainAsync(
        DecisionKind kind, string dc, string host, OperatorRequest? body, IGrainFactory grains, ClaimsPrincipal user, DataCenterAccess access, CancellationToken ct)
    {
        var nodeId = $"{dc}/{host}";
        if (!NodeIds.IsValid(nodeId))
        {
            return ApiProblems.BadRequest($"'{nodeId}' is not a node id: data center and host are each [a-z0-9][a-z0-9._-]{{0,62}}.");
        }

        if (OperatorRequest.Problem(body) is { } problem)
        {
            return ApiProblems.BadRequest(problem);
        }

        // A tenant-scoped key acts only in its data centers; elsewhere the node answers as unknown.
        var decision = (await access.ForAsync(user, ct)).Contains(dc)
            ? await grains.GetGrain<IRebalancerGrain>(IRebalancerGrain.Key).OperatorDrainAsync(new OperatorAction(kind, By(user), body!.Reason!.Trim(), nodeId, null))
            : null;
        return decision is null ? ApiProblems.NotFound($"Node '{nodeId}' has not reported to this cluster.") : TypedResults.Ok(decision);
    }

    // The API key's name; with access control off the caller is the open key's, and a caller without one still gets a name.
    private static string By(ClaimsPrincipal user) => ApiCaller.From(user) is { KeyName: { Length: > 0 } name } ? name : "anonymous";
}
