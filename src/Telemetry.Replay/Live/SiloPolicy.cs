using System.Net;
using System.Text.Json.Nodes;
using Telemetry.Replay.Engines;
using Telemetry.Replay.Fleet;
using Telemetry.Replay.Policies;

namespace Telemetry.Replay.Live;

/// <summary>
/// The system's own placement: <c>POST /api/v1/placement</c> with <c>reserveSeconds</c>, then the task starts on
/// the reserved GPUs (its telemetry then names the task as the GPUs' job, which ends the hold). A task
/// that ends before its telemetry told the silo releases the reservation itself.
/// </summary>
public sealed class SiloPolicy(SiloClient silo, int reserveSeconds) : IPlacementPolicy
{
    public string Name => PolicyNames.Silo;

    public async ValueTask<Placement?> PlaceAsync(ReplayTask task, ReplayFleet fleet, string? onlyDataCenter, CancellationToken cancellationToken)
    {
        // A task that may use several models asks for each in turn; the first that fits wins.
        IReadOnlyList<string?> asked = task.Trace.Models.Count == 0 ? [null] : [.. task.Trace.Models.Where(fleet.Models.Contains)];
        foreach (var model in asked)
        {
            var request = new PlacementRequestBody
            {
                Gpus = task.Trace.Gpus,
                GpuMilli = task.Trace.IsFractional ? task.Trace.GpuMilli : null,
                Model = model is null ? null : TraceModels.Reported(model).Name,
                DataCenters = onlyDataCenter is null ? [.. fleet.DataCenters] : [onlyDataCenter],
                Tenant = task.Tenant,
                SingleNode = true,
                Candidates = 1,
                ReserveSeconds = reserveSeconds,
                JobId = fleet.Prefix + task.Id,
            };
            var (status, answer) = await silo.SendAsync(HttpMethod.Post, "/api/v1/placement", request, cancellationToken).ConfigureAwait(false);
            if (status == HttpStatusCode.OK && answer is not null)
            {
                return ToPlacement(task, fleet, answer);
            }

            // 409: nothing fits now; 422: nothing of this fleet ever could (e.g. the model's nodes are all gone).
            if (status is not (HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity))
            {
                throw new SiloUnreachableException($"POST /api/v1/placement answered {(int)status}: {SiloClient.Detail(answer)}");
            }
        }

        return null;
    }

    public async ValueTask ReleaseAsync(ReplayTask task, Placement placement, CancellationToken cancellationToken)
    {
        if (placement.ReservationId is { } id)
        {
            // 404 is expected: the hold ended when telemetry showed the job.
            await silo.SendAsync(HttpMethod.Delete, $"/api/v1/reservations/{id}", null, cancellationToken).ConfigureAwait(false);
        }
    }

    private static Placement ToPlacement(ReplayTask task, ReplayFleet fleet, JsonNode answer)
    {
        var candidate = answer["candidates"]?[0] ?? throw new SiloUnreachableException($"a placement answer without candidates: {answer.ToJsonString()}");
        var node = candidate["nodes"]?[0] ?? throw new SiloUnreachableException($"a placement candidate without nodes: {candidate.ToJsonString()}");
        var nodeId = node["node"]?.GetValue<string>() ?? string.Empty;
        var replayNode = fleet.Node(nodeId) ?? throw new SiloUnreachableException($"the silo placed task {task.Id} on {nodeId}, which is not in this replay's fleet");
        var milli = task.Trace.IsFractional ? task.Trace.GpuMilli : 1000;
        var shares = new List<GpuShare>();
        foreach (var uuid in node["gpus"]?.AsArray() ?? [])
        {
            var gpu = fleet.Gpu(uuid!.GetValue<string>()) ?? throw new SiloUnreachableException($"the silo offered GPU {uuid} that this replay's fleet does not have");
            shares.Add(new GpuShare(gpu.Index, milli));
        }

        return new Placement(replayNode, shares, answer["reservation"]?["id"]?.GetValue<string>());
    }
}
