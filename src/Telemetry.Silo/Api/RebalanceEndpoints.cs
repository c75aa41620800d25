using Telemetry.Grains;
using Telemetry.Rebalancing;

namespace Telemetry.Silo.Api;

/// <summary>The rebalancing side of API.md: decisions, acknowledgements, alerts and the policy.</summary>
public static class RebalanceEndpoints
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 2000;

    public static RouteGroupBuilder MapRebalanceEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/rebalance");
        group.MapGet("/decisions", GetDecisionsAsync).WithName("GetDecisions").WithSummary("Rebalancing decisions, newest first")
            .Produces<RebalanceDecision[]>().ProducesProblem(400);
        group.MapPost("/decisions/{id}/ack", AcknowledgeAsync).WithName("AcknowledgeDecision").WithSummary("The scheduler acted on a decision")
            .Produces<RebalanceDecision>().ProducesProblem(404);
        group.MapGet("/alerts", GetAlertsAsync).WithName("GetRebalanceAlerts").WithSummary("Tripped breakers and dark data centers, newest first")
            .Produces<RebalanceAlert[]>();
        group.MapGet("/policy", GetPolicyAsync).WithName("GetRebalancePolicy").WithSummary("Thresholds, cooldowns, limits and tenants' data centers")
            .Produces<RebalancePolicy>();
        group.MapPut("/policy", PutPolicyAsync).WithName("PutRebalancePolicy").WithSummary("Replaces the policy (validated)")
            .Produces<RebalancePolicy>().ProducesProblem(400);
        return api;
    }

    private static IRebalancerGrain Rebalancer(IGrainFactory grains) => grains.GetGrain<IRebalancerGrain>(IRebalancerGrain.Key);

    private static async Task<IResult> GetDecisionsAsync(DateTimeOffset? since, int? limit, IGrainFactory grains)
    {
        var take = limit ?? DefaultLimit;
        if (take is < 1 or > MaxLimit)
        {
            return ApiProblems.BadRequest($"limit must be 1–{MaxLimit}; got {take}.");
        }

        return TypedResults.Ok(await Rebalancer(grains).GetDecisionsAsync(since, take));
    }

    private static async Task<IResult> AcknowledgeAsync(string id, IGrainFactory grains) =>
        await Rebalancer(grains).AcknowledgeAsync(id) is { } decision
            ? TypedResults.Ok(decision)
            : ApiProblems.NotFound($"No decision '{id}'; decisions are listed at /api/v1/rebalance/decisions.");

    private static async Task<IResult> GetAlertsAsync(IGrainFactory grains) => TypedResults.Ok(await Rebalancer(grains).GetAlertsAsync());

    private static async Task<IResult> GetPolicyAsync(IGrainFactory grains) => TypedResults.Ok(await Rebalancer(grains).GetPolicyAsync());

    private static async Task<IResult> PutPolicyAsync(RebalancePolicy? policy, IGrainFactory grains)
    {
        if (policy is null)
        {
            return ApiProblems.BadRequest("The body must be a JSON rebalancing policy (GET /api/v1/rebalance/policy shows one).");
        }

        var problems = await Rebalancer(grains).SetPolicyAsync(policy);
        return problems.Length == 0 ? TypedResults.Ok(policy) : ApiProblems.BadRequest(string.Join(" ", problems));
    }
}
