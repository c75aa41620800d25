using Orleans.Storage;
using Telemetry.Placement;

namespace Telemetry.Grains;

/// <summary>One reservation: asks its nodes to hold their GPUs (all or none), and releases them on request.</summary>
/// <remarks>Kept durably with durable storage, so a DELETE after a failover still finds the nodes to release.</remarks>
public sealed class ReservationGrain(
    TimeProvider time,
    GrainStateOptions stateOptions,
    [PersistentState("reservation", GrainStateOptions.StorageName)] IPersistentState<ReservationState> durable) : Grain, IReservationGrain
{
    private string Id => this.GetPrimaryKeyString();

    public async Task<bool> HoldAsync(PlacementNode[] nodes, DateTimeOffset expiresAt, string? jobId)
    {
        var held = new List<string>(nodes.Length);
        foreach (var part in nodes)
        {
            var node = GrainFactory.GetGrain<INodeGrain>(part.Node);
            if (!await node.HoldAsync(new GpuHold(Id, part.Gpus, expiresAt, jobId) { Milli = part.GpuMilli ?? GpuShares.Whole }))
            {
                // All or none: give back what was taken, and let every node of the candidate refresh the index.
                await Task.WhenAll(nodes.Select(n => GrainFactory.GetGrain<INodeGrain>(n.Node).ReleaseAsync(Id)));
                return false;
            }

            held.Add(part.Node);
        }

        durable.State.Nodes = [.. held];
        durable.State.ExpiresAt = expiresAt;
        durable.State.Parts = nodes;
        durable.State.JobId = jobId;
        await WriteAsync();
        return true;
    }

    public Task<PlacementReservation?> GetAsync() => Task.FromResult(IsHeld ? View() : null);

    public async Task<PlacementReservation?> ExtendAsync(DateTimeOffset expiresAt)
    {
        if (!IsHeld)
        {
            return null;
        }

        // A node whose hold already ended because the job runs there has nothing to extend; the job keeps its GPUs.
        await Task.WhenAll(durable.State.Nodes.Select(n => GrainFactory.GetGrain<INodeGrain>(n).ExtendHoldAsync(Id, expiresAt)));
        durable.State.ExpiresAt = expiresAt;
        await WriteAsync();
        return View();
    }

    public async Task<bool> ReleaseAsync()
    {
        if (!IsHeld)
        {
            return false;
        }

        await Task.WhenAll(durable.State.Nodes.Select(n => GrainFactory.GetGrain<INodeGrain>(n).ReleaseAsync(Id)));
        durable.State.Nodes = [];
        await WriteAsync();
        DeactivateOnIdle();
        return true;
    }

    private bool IsHeld => durable.State.Nodes.Length > 0 && durable.State.ExpiresAt > time.GetUtcNow();

    private PlacementReservation View() => new(Id, durable.State.ExpiresAt) { Nodes = durable.State.Parts, JobId = durable.State.JobId };

    private Task WriteAsync() => DurableWrite.WriteAsync(durable, stateOptions, this);
}
