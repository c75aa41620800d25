using Telemetry.Grains.Events;
using Telemetry.Grains.Placement;
using Telemetry.Placement;
using Telemetry.Rebalancing;
using Telemetry.State;

namespace Telemetry.Grains;

/// <summary>One data center: the summaries its node grains send, aggregated on read, and the placement index over them.</summary>
/// <remarks>
/// The admission weight is not stored: the rebalancer sets every data center's weight each interval, so a
/// fresh activation is back in step within one interval.
/// </remarks>
[CollectionAgeLimit(AlwaysActive = true)]
public sealed class DataCenterGrain(TimeProvider time, ITimeSeriesSink sink) : Grain, IDataCenterGrain
{
    /// <summary>How often the data center's summary goes to the time-series sink.</summary>
    public static readonly TimeSpan SinkPeriod = TimeSpan.FromSeconds(10);

    private DataCenterAggregate _aggregate = null!;
    private PlacementIndex _index = null!;
    private double _admissionWeight = 1.0;
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

        _index = new PlacementIndex(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public async Task ReportNodeAsync(NodeSummary summary)
    {
        var now = time.GetUtcNow();
        _aggregate.Update(summary, now);
        sink.WriteNode(summary, now);
        _index.Update(summary, now);
        if (!_registered)
        {
            await GrainFactory.GetGrain<IFleetGrain>(IFleetGrain.Key).RegisterDataCenterAsync(this.GetPrimaryKeyString());
            _registered = true;
        }
    }

    public Task<DataCenterSummary> GetSummaryAsync() =>
        Task.FromResult(_aggregate.Summarize(time.GetUtcNow(), _admissionWeight));

    private Task WriteSummary()
    {
        var now = time.GetUtcNow();
        sink.WriteDataCenter(_aggregate.Summarize(now, _admissionWeight), now);
        return Task.CompletedTask;
    }

    public Task<NodeSummary[]> GetNodesAsync(int skip, int take) =>
        Task.FromResult(_aggregate.Page(skip, take, time.GetUtcNow()));

    public Task<DataCenterMatch> FindAsync(PlacementQuery query)
    {
        _index.Mix.Observe(query);
        return Task.FromResult(_index.Find(query, _admissionWeight, time.GetUtcNow()));
    }

    public Task SetAdmissionWeightAsync(double weight)
    {
        _admissionWeight = Math.Clamp(weight, 0, 1);
        return Task.CompletedTask;
    }

    public Task<DataCenterSignals> GetSignalsAsync() =>
        Task.FromResult(_aggregate.Signals(time.GetUtcNow(), _admissionWeight));
}
