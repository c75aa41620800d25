using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Telemetry.Grains;
using Telemetry.Rebalancing;
using Telemetry.Silo.Auth;
using Telemetry.Wire;

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
            .Produces<RebalanceDecision>().ProducesProblem(404).RequireApiRole(ApiRole.Scheduler);
        group.MapGet("/alerts", GetAlertsAsync).WithName("GetRebalanceAlerts").WithSummary("Tripped breakers and dark data centers, newest first; active=true: those not yet resolved")
            .Produces<RebalanceAlert[]>();
        group.MapGet("/policy", GetPolicyAsync).WithName("GetRebalancePolicy").WithSummary("Thresholds, cooldowns, limits and tenants' data centers")
            .Produces<RebalancePolicy>();
        group.MapPut("/policy", PutPolicyAsync).WithName("PutRebalancePolicy").WithSummary("Replaces the whole policy (every field, validated)")
            .Accepts<RebalancePolicy>("application/json").Produces<RebalancePolicy>().ProducesProblem(400).RequireApiRole(ApiRole.Operator);
        group.MapPatch("/policy", PatchPolicyAsync).WithName("PatchRebalancePolicy").WithSummary("Changes some fields of the policy (JSON merge patch, validated)")
            .Accepts<RebalancePolicy>("application/merge-patch+json").Produces<RebalancePolicy>().ProducesProblem(400).RequireApiRole(ApiRole.Operator);
        return api;
    }

    private static IRebalancerGrain Rebalancer(IGrainFactory grains) => grains.GetGrain<IRebalancerGrain>(IRebalancerGrain.Key);

    private static async Task<IResult> GetDecisionsAsync(DateTimeOffset? since, int? limit, IGrainFactory grains, ClaimsPrincipal user, DataCenterAccess access, CancellationToken ct)
    {
        var take = limit ?? DefaultLimit;
        if (take is < 1 or > MaxLimit)
        {
            return ApiProblems.BadRequest($"limit must be 1–{MaxLimit}; got {take}.");
        }

        var visible = await access.ForAsync(user, ct);
        var decisions = await Rebalancer(grains).GetDecisionsAsync(since, visible.IsAll ? take : MaxLimit);
        return TypedResults.Ok(visible.IsAll ? decisions : [.. decisions.Where(d => IsVisible(d, visible)).Take(take)]);
    }

    private static async Task<IResult> AcknowledgeAsync(string id, IGrainFactory grains, ClaimsPrincipal user, DataCenterAccess access, CancellationToken ct)
    {
        var visible = await access.ForAsync(user, ct);
        if (!visible.IsAll)
        {
            // A tenant-scoped key acknowledges only what it may see; anything else answers as unknown.
            var kept = await Rebalancer(grains).GetDecisionsAsync(null, MaxLimit);
            if (!kept.Any(d => d.Id == id && IsVisible(d, visible)))
            {
                return DecisionNotFound(id);
            }
        }

        return await Rebalancer(grains).AcknowledgeAsync(id) is { } decision ? TypedResults.Ok(decision) : DecisionNotFound(id);
    }

    private static async Task<IResult> GetAlertsAsync(bool? active, IGrainFactory grains, ClaimsPrincipal user, DataCenterAccess access, CancellationToken ct)
    {
        var visible = await access.ForAsync(user, ct);
        IEnumerable<RebalanceAlert> alerts = await Rebalancer(grains).GetAlertsAsync();

        // Still raised: the newest alert of each data center and kind, when it is the raising one (newest first already).
        if (active == true)
        {
            alerts = alerts.DistinctBy(a => (a.DataCenter, a.Kind)).Where(a => a.Active);
        }

        return TypedResults.Ok<RebalanceAlert[]>([.. alerts.Where(a => visible.Contains(a.DataCenter))]);
    }

    private static async Task<IResult> GetPolicyAsync(IGrainFactory grains, ClaimsPrincipal user)
    {
        var policy = await Rebalancer(grains).GetPolicyAsync();

        // Which tenant may run where is each tenant's own business: a tenant-scoped key reads its own entry only.
        return ApiCaller.From(user) is { Tenant: { } tenant }
            ? TypedResults.Ok(policy with { TenantDataCenters = policy.TenantDataCenters.Where(t => t.Key == tenant).ToDictionary(StringComparer.Ordinal) })
            : TypedResults.Ok(policy);
    }

    // A decision concerns the data centers it moves work between, or the drained node's.
    private static bool IsVisible(RebalanceDecision decision, VisibleDataCenters visible) =>
        (decision.From is { } from && visible.Contains(from))
        || (decision.To is { } to && visible.Contains(to))
        || (decision.Node is { } node && visible.Contains(NodeIds.DataCenterOf(node)));

    private static IResult DecisionNotFound(string id) =>
        ApiProblems.NotFound($"No decision '{id}'; decisions are listed at /api/v1/rebalance/decisions.");

    private static async Task<IResult> PutPolicyAsync(JsonObject? body, IGrainFactory grains, IOptions<JsonOptions> json)
    {
        if (body is null)
        {
            return ApiProblems.BadRequest("The body must be the whole JSON rebalancing policy (GET /api/v1/rebalance/policy shows one).");
        }

        var (policy, problem) = PolicyDocument.FromPut(body, await Rebalancer(grains).GetPolicyAsync(), json.Value.SerializerOptions);
        return policy is null ? ApiProblems.BadRequest(problem!) : await SetAsync(policy, grains);
    }

    private static async Task<IResult> PatchPolicyAsync(JsonObject? body, IGrainFactory grains, IOptions<JsonOptions> json)
    {
        if (body is null)
        {
            return ApiProblems.BadRequest("The body must be a JSON merge patch of the rebalancing policy, e.g. {\"dryRun\": true}.");
        }

        var (policy, problem) = PolicyDocument.FromPatch(await Rebalancer(grains).GetPolicyAsync(), body, json.Value.SerializerOptions);
        return policy is null ? ApiProblems.BadRequest(problem!) : await SetAsync(policy, grains);
    }

    private static async Task<IResult> SetAsync(RebalancePolicy policy, IGrainFactory grains)
    {
        var problems = await Rebalancer(grains).SetPolicyAsync(policy);
        return problems.Length == 0 ? TypedResults.Ok(policy) : ApiProblems.BadRequest(string.Join(" ", problems));
    }
}
