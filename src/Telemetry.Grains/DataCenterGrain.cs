using Telemetry.State;

namespace Telemetry.Grains;

/// <summary>One data center: the summaries its node grains send, aggregated on read.</summary>
[CollectionAgeLimit(AlwaysActive = true)]
public sealed class DataCenterGrain(TimeProvider time) : Grain, IDataCenterGrain
{
    private DataCenterAggregate _aggregate = null!;
    private bool _registered;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _aggregate = new DataCenterAggregate(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public async Task ReportNodeAsync(NodeSummary summary)
    {
        _aggregate.Update(summary, time.GetUtcNow());
        if (!_registered)
        {
            await GrainFactory.GetGrain<IFleetGrain>(IFleetGrain.Key).RegisterDataCenterAsync(this.GetPrimaryKeyString());
            _registered = true;
        }
    }

    public Task<DataCenterSummary> GetSummaryAsync() =>
        Task.FromResult(_aggregate.Summarize(time.GetUtcNow(), admissionWeight: 1.0));

    public Task<NodeSummary[]> GetNodesAsync(int skip, int take) =>
        Task.FromResult(_aggregate.Page(skip, take, time.GetUtcNow()));
}
