using Orleans.Concurrency;
using Telemetry.Grains.Placement;
using Telemetry.Placement;

namespace Telemetry.Grains;

/// <summary>
/// Answers placements on the silo that takes the request: asks each eligible data center's index once, ranks,
/// and with <see cref="PlacementRequest.ReserveSeconds"/> holds the best candidate still free, so concurrent
/// schedulers never get the same GPU (the nodes arbitrate; a lost race moves on to the next candidate).
/// </summary>
[StatelessWorker]
public sealed class PlacementGrain(TimeProvider time) : Grain, IPlacementGrain
{
    /// <summary>Rounds of asking the indexes again when every candidate was taken by concurrent reservations.</summary>
    public const int ReserveRounds = 3;

    /// <summary>Extra candidates asked for when reserving, to fall back on without asking again.</summary>
    public const int ReserveSpares = 4;

    public async Task<PlacementAnswer> PlaceAsync(PlacementRequest request)
    {
        if (PlacementRules.Impossible(request) is { } impossible)
        {
            return new PlacementAnswer { Refusal = PlacementRefusal.Never(impossible) };
        }

        var known = await GrainFactory.GetGrain<IFleetGrain>(IFleetGrain.Key).GetDataCentersAsync();
        var policy = await GrainFactory.GetGrain<IRebalancerGrain>(IRebalancerGrain.Key).GetPolicyAsync();
        var (dataCenters, refusal) = PlacementRules.DataCenters(request, known, policy);
        if (refusal is not null)
        {
            return new PlacementAnswer { Refusal = refusal };
        }

        // A tenant the policy binds to some data centers can run nowhere else: they learn how much of their demand that is.
        var boundTo = request.Tenant is { } tenant && policy.TenantDataCenters.ContainsKey(tenant) ? dataCenters.Length : 0;
        for (var round = 0; round < ReserveRounds; round++)
        {
            var answer = await RankAsync(request, dataCenters, boundTo);
            if (request.ReserveSeconds == 0 || answer.Refusal is not null)
            {
                return answer with { Candidates = answer.Candidates.Take(request.Candidates ?? PlacementRules.DefaultCandidates).ToArray() };
            }

            if (await ReserveFirstFreeAsync(request, answer) is { } reserved)
            {
                return reserved;
            }
        }

        return new PlacementAnswer
        {
            Refusal = PlacementRefusal.NotNow($"Every candidate was reserved by another scheduler first ({ReserveRounds} rounds); ask again."),
        };
    }

    private async Task<PlacementAnswer> RankAsync(PlacementRequest request, string[] dataCenters, int boundTo)
    {
        var asked = request with { Candidates = (request.Candidates ?? PlacementRules.DefaultCandidates) + (request.ReserveSeconds > 0 ? ReserveSpares : 0) };
        var single = request.SingleNode ?? true;
        var matches = await FindAsync(asked, single, dataCenters, boundTo);
        if (request.SingleNode is null && matches.All(m => m.Match.LargestNode < request.Gpus))
        {
            // Larger than any node: spread over nodes of one data center.
            single = false;
            matches = await FindAsync(asked, single, dataCenters, boundTo);
        }

        return PlacementRules.Rank(asked, single, boundTo > 0 ? matches : DataCenterScarcity.Apply(matches));
    }

    private async Task<(string DataCenter, DataCenterMatch Match)[]> FindAsync(PlacementRequest request, bool single, string[] dataCenters, int boundTo)
    {
        var query = new PlacementQuery(request, single, request.Candidates ?? PlacementRules.DefaultCandidates, boundTo);
        var matches = await Task.WhenAll(dataCenters.Select(dc => GrainFactory.GetGrain<IDataCenterGrain>(dc).FindAsync(query)));
        return [.. dataCenters.Zip(matches)];
    }

    private async Task<PlacementAnswer?> ReserveFirstFreeAsync(PlacementRequest request, PlacementAnswer answer)
    {
        var expiresAt = time.GetUtcNow().AddSeconds(request.ReserveSeconds);
        for (var i = 0; i < answer.Candidates.Length; i++)
        {
            var id = $"r-{Guid.NewGuid():N}";
            if (await GrainFactory.GetGrain<IReservationGrain>(id).HoldAsync(answer.Candidates[i].Nodes, expiresAt, request.JobId))
            {
                if (request.Tenant is { } tenant && request.JobId is { } jobId)
                {
                    // The job keeps its tenant (durably): the rebalancer asks it when a decision names the job.
                    await GrainFactory.GetGrain<IJobGrain>(jobId).SetTenantAsync(tenant);
                }

                return new PlacementAnswer
                {
                    Candidates = [.. answer.Candidates.Skip(i).Take(request.Candidates ?? PlacementRules.DefaultCandidates)],
                    Reservation = new PlacementReservation(id, expiresAt) { Nodes = answer.Candidates[i].Nodes, JobId = request.JobId },
                };
            }
        }

        return null;
    }
}
