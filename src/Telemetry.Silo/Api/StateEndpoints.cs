using System.Security.Claims;
using Telemetry.Fields;
using Telemetry.Grains;
using Telemetry.Placement;
using Telemetry.Silo.Auth;
using Telemetry.State;
using Telemetry.Wire;

namespace Telemetry.Silo.Api;

/// <summary>
/// The read side of API.md: GPUs, their history, nodes, data centers and the fleet. A tenant-scoped key sees only
/// its tenant's data centers; anything in another answers 404 exactly as if it did not exist.
/// </summary>
public static class StateEndpoints
{
    /// <summary>Longest GPU UUID the API looks up (NVIDIA's are 40 characters).</summary>
    public const int MaxUuidLength = 256;

    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;

    public static RouteGroupBuilder MapStateEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/gpus/{uuid}", GetGpuAsync).WithName("GetGpu").WithSummary("One GPU's live state, windows and health")
            .Produces<GpuSnapshot>().ProducesProblem(404);
        api.MapGet("/gpus/{uuid}/history", GetHistoryAsync).WithName("GetGpuHistory").WithSummary("A field's 10-second means and maxima, up to an hour")
            .Produces<HistoryPoint[]>().ProducesProblem(400).ProducesProblem(404);
        api.MapGet("/nodes/{dc}/{host}", GetNodeAsync).WithName("GetNode").WithSummary("A node: health, gauges, free GPUs, its GPUs in short")
            .Produces<NodeSnapshot>().ProducesProblem(400).ProducesProblem(404);
        api.MapGet("/datacenters", GetDataCentersAsync).WithName("GetDataCenters").WithSummary("Every data center in summary")
            .Produces<DataCenterSummary[]>();
        api.MapGet("/datacenters/{dc}", GetDataCenterAsync).WithName("GetDataCenter").WithSummary("One data center and a page of its nodes")
            .Produces<DataCenterDetail>().ProducesProblem(400).ProducesProblem(404);
        api.MapGet("/fleet", GetFleetAsync).WithName("GetFleet").WithSummary("Fleet totals and every data center")
            .Produces<FleetView>();
        return api;
    }

    private static async Task<IResult> GetGpuAsync(string uuid, IGrainFactory grains, ClaimsPrincipal user, DataCenterAccess access, CancellationToken ct)
    {
        if (uuid.Length > MaxUuidLength)
        {
            return ApiProblems.BadRequest($"A GPU UUID is at most {MaxUuidLength} characters.");
        }

        var snapshot = await grains.GetGrain<IGpuGrain>(uuid).GetSnapshotAsync();
        if (snapshot is null || !(await access.ForAsync(user, ct)).Contains(snapshot.DataCenter))
        {
            return GpuNotFound(uuid);
        }

        // Reservations are the node's (it arbitrates them), so the GPU's view asks its node.
        var node = grains.GetGrain<INodeGrain>(snapshot.Node);
        var reservedUntil = await node.GetReservedUntilAsync(uuid);
        var claims = await node.GetClaimsAsync(uuid);
        return TypedResults.Ok(snapshot with { ReservedUntil = reservedUntil, Claims = claims, UsedMilli = Math.Min(GpuShares.Whole, claims.Sum(c => c.Milli)) });
    }

    private static async Task<IResult> GetHistoryAsync(string uuid, string? field, int? minutes, IGrainFactory grains, ClaimsPrincipal user, DataCenterAccess access, CancellationToken ct)
    {
        field ??= "gpu_util_pct";
        if (!FieldCatalog.TryGetId(field, out var fieldId))
        {
            return ApiProblems.BadRequest($"Unknown field '{field}'. Known fields: {string.Join(", ", FieldCatalog.All.Select(f => f.Name))}.");
        }

        var span = minutes ?? 60;
        if (span is < 1 or > 60)
        {
            return ApiProblems.BadRequest($"minutes must be 1–60; got {span}.");
        }

        if (uuid.Length > MaxUuidLength)
        {
            return ApiProblems.BadRequest($"A GPU UUID is at most {MaxUuidLength} characters.");
        }

        var gpu = grains.GetGrain<IGpuGrain>(uuid);
        if (await gpu.GetSnapshotAsync() is not { } snapshot || !(await access.ForAsync(user, ct)).Contains(snapshot.DataCenter))
        {
            return GpuNotFound(uuid);
        }

        return TypedResults.Ok(await gpu.GetHistoryAsync(fieldId, span));
    }

    private static async Task<IResult> GetNodeAsync(string dc, string host, IGrainFactory grains, ClaimsPrincipal user, DataCenterAccess access, CancellationToken ct)
    {
        var nodeId = $"{dc}/{host}";
        if (!NodeIds.IsValid(nodeId))
        {
            return ApiProblems.BadRequest($"'{nodeId}' is not a node id: data center and host are each [a-z0-9][a-z0-9._-]{{0,62}}.");
        }

        // Checked before the grain is asked, so a hidden data center's nodes are not even activated.
        var snapshot = (await access.ForAsync(user, ct)).Contains(dc) ? await grains.GetGrain<INodeGrain>(nodeId).GetSnapshotAsync() : null;
        return snapshot is null ? ApiProblems.NotFound($"Node '{nodeId}' has not reported to this cluster.") : TypedResults.Ok(snapshot);
    }

    private static async Task<IResult> GetDataCentersAsync(IGrainFactory grains, ClaimsPrincipal user, DataCenterAccess access, CancellationToken ct) =>
        TypedResults.Ok(await AllDataCentersAsync(grains, await access.ForAsync(user, ct)));

    private static async Task<IResult> GetDataCenterAsync(string dc, int? page, int? pageSize, IGrainFactory grains, ClaimsPrincipal user, DataCenterAccess access, CancellationToken ct)
    {
        var number = page ?? 1;
        var size = pageSize ?? DefaultPageSize;
        if (number < 1 || size is < 1 or > MaxPageSize)
        {
            return ApiProblems.BadRequest($"page must be ≥ 1 and pageSize 1–{MaxPageSize}; got page={number}, pageSize={size}.");
        }

        var known = (await access.ForAsync(user, ct)).Filter(await grains.GetGrain<IFleetGrain>(IFleetGrain.Key).GetDataCentersAsync());
        if (!known.Contains(dc, StringComparer.Ordinal))
        {
            return ApiProblems.NotFound($"Data center '{dc}' has no reporting nodes. Known: {string.Join(", ", known)}.");
        }

        var grain = grains.GetGrain<IDataCenterGrain>(dc);
        var summary = await grain.GetSummaryAsync();
        var nodes = await grain.GetNodesAsync((number - 1) * size, size);
        return TypedResults.Ok(DataCenterDetail.From(summary, number, size, nodes));
    }

    private static async Task<IResult> GetFleetAsync(IGrainFactory grains, ClaimsPrincipal user, DataCenterAccess access, CancellationToken ct) =>
        TypedResults.Ok(FleetView.From(await AllDataCentersAsync(grains, await access.ForAsync(user, ct))));

    internal static async Task<DataCenterSummary[]> AllDataCentersAsync(IGrainFactory grains, VisibleDataCenters visible)
    {
        var ids = visible.Filter(await grains.GetGrain<IFleetGrain>(IFleetGrain.Key).GetDataCentersAsync());
        return await Task.WhenAll(ids.Select(id => grains.GetGrain<IDataCenterGrain>(id).GetSummaryAsync()));
    }

    private static IResult GpuNotFound(string uuid) => ApiProblems.NotFound($"GPU '{uuid}' has not reported to this cluster.");
}
