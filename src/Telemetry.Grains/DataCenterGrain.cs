using Microsoft.Extensions.Logging;
using Telemetry.Grains.DataCenters;
using Telemetry.Grains.Events;
using Telemetry.Grains.Placement;
using Telemetry.Placement;
using Telemetry.Rebalancing;
using Telemetry.State;

namespace Telemetry.Grains;

/// <summary>One data center: the summaries its node grains send, aggregated on read, and the placement index over them.</summary>
/// <remarks>
/// The admission weight is not stored: the rebalancer sets every data center's weight each interval, so a
/// fresh activation is back in step within one interval. The nodes and their last summaries are written down
/// now and then (<see cref="SnapshotSchedule"/>) and restored on activation, so a data center that moves to
/// another silo keeps counting every node until it is proven silent; the placement index starts empty and
/// fills from the next summaries, so nothing is placed on what may have changed meanwhile.
/// </remarks>
[CollectionAgeLimit(AlwaysActive = true)]
public sealed partial class DataCenterGrain(
    TimeProvider time,
    ITimeSeriesSink sink,
    GrainStateOptions stateOptions,
    [PersistentState("datacenter", GrainStateOptions.StorageName)] IPersistentState<DataCenterDurableState> durable,
    ILogger<DataCenterGrain> logger) : Grain, IDataCenterGrain
{
    /// <summary>How often the data center's summary goes to the time-series sink.</summary>
    public static readonly TimeSpan SinkPeriod = TimeSpan.FromSeconds(10);

    /// <summary>How often a write of the nodes is considered: a new node or a health change waits at most this long.</summary>
    public static readonly TimeSpan SnapshotCheckPeriod = TimeSpan.FromSeconds(2);

    /// <summary>The longest heartbeat-only changes wait to be written.</summary>
    public static readonly TimeSpan SnapshotRefresh = TimeSpan.FromSeconds(30);

    private readonly SnapshotSchedule _snapshots = new(SnapshotRefresh);
    private DataCenterAggregate _aggregate = null!;
    private PlacementIndex _index = null!;
    private double _admissionWeight = 1.0;
    private DateTimeOffset? _boundWorkTurnedAwayAt;
    private readonly DateTimeOffset?[] _workTurnedAwayAt = new DateTimeOffset?[DataCenterSignals.SizesTracked];
    private bool _registered;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var id = this.GetPrimaryKeyString();
        var now = time.GetUtcNow();
        _aggregate = new DataCenterAggregate(id);
        try
        {
            _aggregate.Restore(durable.State, now);
        }
        catch (InvalidDataException e)
        {
            // Nothing written down is lost for good: every live node sends its summary again within a heartbeat.
            _aggregate = new DataCenterAggregate(id);
            LogSnapshotUnreadable(id, e.Message);
        }

        if (_aggregate.NodeCount > 0)
        {
            LogRestored(id, _aggregate.NodeCount, now - durable.State.SavedAt);
        }

        if (stateOptions.Durable)
        {
            // Interleaved: the write awaits Redis while summaries keep arriving; it writes a snapshot taken in its own turn.
            this.RegisterGrainTimer(SaveAsync, new GrainTimerCreationOptions
            {
                DueTime = SnapshotCheckPeriod,
                Period = SnapshotCheckPeriod,
                Interleave = true,
                KeepAlive = true,
            });
        }

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
        _snapshots.Changed(_aggregate.Update(summary, now));
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

    private async Task SaveAsync()
    {
        var now = time.GetUtcNow();
        if (!_snapshots.IsDue(now))
        {
            return;
        }

        durable.State = _aggregate.Remember(now);
        _snapshots.Saved(now);
        try
        {
            await DurableWrite.WriteAsync(durable, stateOptions, this);
        }
        catch
        {
            // What this write carried is still unwritten: the next check tries again.
            _snapshots.Changed(material: true);
            throw;
        }
    }

    public Task<NodeSummary[]> GetNodesAsync(int skip, int take) =>
        Task.FromResult(_aggregate.Page(skip, take, time.GetUtcNow()));

    public Task<DataCenterMatch> FindAsync(PlacementQuery query)
    {
        _index.Mix.Observe(query);
        var now = time.GetUtcNow();
        var match = _index.Find(query, _admissionWeight, now);
        if (match.Candidates.Length == 0)
        {
            // Work is waiting for room here: a move in would take it. Work that could run in few data centers, this one among
            // them, is what a migration out of it is for.
            _workTurnedAwayAt[Math.Clamp(query.Request.Gpus, 1, DataCenterSignals.SizesTracked) - 1] = now;
            if (query.BoundTo > 0)
            {
                _boundWorkTurnedAwayAt = now;
            }
        }

        return Task.FromResult(match);
    }

    public Task SetAdmissionWeightAsync(double weight)
    {
        _admissionWeight = Math.Clamp(weight, 0, 1);
        return Task.CompletedTask;
    }

    public Task<DataCenterSignals> GetSignalsAsync() =>
        Task.FromResult(_aggregate.Signals(time.GetUtcNow(), _admissionWeight) with { BoundWorkTurnedAwayAt = _boundWorkTurnedAwayAt, WorkTurnedAwayAt = [.. _workTurnedAwayAt] });

    [LoggerMessage(Level = LogLevel.Information, Message = "Data center {DataCenter} restored {Nodes} nodes written {Age} ago")]
    private partial void LogRestored(string dataCenter, int nodes, TimeSpan age);

    [LoggerMessage(Level = LogLevel.Error, Message = "Data center {DataCenter} could not read the nodes it wrote down ({Problem}); it starts empty and counts each node again at its next summary")]
    private partial void LogSnapshotUnreadable(string dataCenter, string problem);
}
