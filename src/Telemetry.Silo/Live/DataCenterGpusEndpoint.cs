using System.Security.Claims;
using Telemetry.Grains;
using Telemetry.Health;
using Telemetry.Silo.Api;
using Telemetry.Silo.Auth;

namespace Telemetry.Silo.Live;

/// <summary><c>GET /api/v1/datacenters/{dc}/gpus</c>: every GPU of a data center in one compact answer, for the dashboard's heat map.</summary>
public static class DataCenterGpusEndpoint
{
    public static async Task<IResult> GetAsync(string dc, IGrainFactory grains, ClaimsPrincipal user, DataCenterAccess access, CancellationToken ct)
    {
        // A tenant-scoped key is told of its own data centers only, exactly as GET /api/v1/datacenters/{dc} does.
        var known = (await access.ForAsync(user, ct)).Filter(await grains.GetGrain<IFleetGrain>(IFleetGrain.Key).GetDataCentersAsync());
        if (!known.Contains(dc, StringComparer.Ordinal))
        {
            return ApiProblems.NotFound($"Data center '{dc}' has no reporting nodes. Known: {string.Join(", ", known)}.");
        }

        // From the data center's node summaries: one grain call, never one per node or GPU.
        var nodes = await grains.GetGrain<IDataCenterGrain>(dc).GetNodesAsync(0, int.MaxValue);
        return TypedResults.Ok(new DataCenterGpus(dc, [.. nodes.Select(HeatMapNode.From)]));
    }
}
