using Telemetry.Grains.Events;
using Telemetry.State;

namespace Telemetry.Grains;

/// <summary>One data center: the summaries its node grains send, aggregated on read.</summary>
[CollectionAgeLimit(AlwaysActive = true)]
public sealed class DataCenterGrain(TimeProvider time, ITimeSeriesSink sink) : Grain, IDataCenterGrain
{
    /// <summary>How often the data center's summary goes to the time-series sink.</summary>
    public static readonly TimeSpan SinkPeriod = TimeSpan.FromSeconds(10);

    private DataCenterAggregate _aggregate = null!;
    private bool _registered;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _aggregate = new DataCenterAggregate(this.GetPrimaryKeyString());
        if (sink.IsEnabled)
        {
            this.RegisterGrainTimer(WriteSummary, new GrainTimerCreationOptions
            {
                DueTime = SinkPeriod,
                Period = SinkPeriod,
                Interleave = true,
                KeepAlive = true,
            });
        }

        return Task.CompletedTask;
    }

    public async Task ReportNodeAsync(NodeSummary summary)
    {
        var now = time.GetUtcNow();
        _aggregate.Update(summary, now);
        sink.WriteNode(summary, now);
        if (!_registered)
        {
            await GrainFactory.GetGrain<IFleetGrain>(IFleetGrain.Key).RegisterDataCenterAsync(this.GetPrimaryKeyString());
            _registered = true;
        }
    }

    public Task<DataCenterSummary> GetSummaryAsync() =>
        Task.FromResult(_aggregate.Summarize(time.GetUtcNow(), admissionWeight: 1.0));

    private Task WriteSummary()
    {
        var now = time.GetUtcNow();
        sink.WriteDataCenter(_aggregate.Summarize(now, admissionWeight: 1.0), now);
        return Task.CompletedTask;
    }

    public Task<NodeSummary[]> GetNodesAsync(int skip, int take) =>
        Task.FromResult(_aggregate.Page(skip, take, time.GetUtcNow()));
}
