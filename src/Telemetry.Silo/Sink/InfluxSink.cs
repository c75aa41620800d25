using System.Threading.Channels;
using Telemetry.Grains.Events;
using Telemetry.Health;
using Telemetry.Jobs;
using Telemetry.Rebalancing;
using Telemetry.State;

namespace Telemetry.Silo.Sink;

/// <summary>
/// The grains' side of the InfluxDB sink: turns what they hand it into line-protocol points and queues them,
/// without blocking, in a bounded queue that <see cref="SinkWriter"/> empties. When the queue is full the new
/// point is dropped and counted: a slow or absent InfluxDB must never slow ingest or grow memory.
/// </summary>
public sealed partial class InfluxSink : ITimeSeriesSink, IHealthChangeListener, IStragglerListener
{
    private readonly Channel<string> _queue;
    private readonly SinkMetrics _metrics;
    private readonly ILogger<InfluxSink> _logger;
    private long _decisions;
    private int _dropping;

    public InfluxSink(InfluxOptions options, SinkMetrics metrics, ILogger<InfluxSink> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metrics);
        _queue = Channel.CreateBounded<string>(new BoundedChannelOptions(options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
        _metrics = metrics;
        _logger = logger;
        metrics.QueueDepth = () => _queue.Reader.Count;
    }

    public bool IsEnabled => true;

    /// <summary>The writer's end of the queue.</summary>
    public ChannelReader<string> Points => _queue.Reader;

    public void WriteGpuRollup(GpuRollup rollup) => Enqueue(InfluxPoints.Gpu(rollup));

    public void WriteNode(NodeSummary summary, DateTimeOffset at) => Enqueue(InfluxPoints.Node(summary, at));

    public void WriteDataCenter(DataCenterSummary summary, DateTimeOffset at) => Enqueue(InfluxPoints.DataCenter(summary, at));

    /// <summary>Records a rebalancing decision (the <c>decision</c> measurement).</summary>
    public void WriteDecision(RebalancingDecisionPoint decision) =>
        Enqueue(InfluxPoints.Decision(decision, Interlocked.Increment(ref _decisions)));

    /// <summary>Records a rebalancer alert (the <c>alert</c> measurement).</summary>
    public void WriteAlert(RebalanceAlert alert) => Enqueue(InfluxPoints.Alert(alert));

    public void OnHealthChanged(HealthChange change) => Enqueue(InfluxPoints.HealthEvent(change));

    public void OnStragglerChanged(StragglerChange change) => Enqueue(InfluxPoints.Straggler(change));

    /// <summary>No more points: the writer empties the queue and stops.</summary>
    public void Complete() => _queue.Writer.TryComplete();

    private void Enqueue(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (_queue.Writer.TryWrite(line))
        {
            if (Volatile.Read(ref _dropping) == 1 && Interlocked.Exchange(ref _dropping, 0) == 1)
            {
                LogQueueRecovered();
            }

            return;
        }

        _metrics.AddDroppedQueueFull();
        if (Interlocked.Exchange(ref _dropping, 1) == 0)
        {
            LogQueueFull();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The InfluxDB sink's queue is full: new points are dropped, and counted in telemetry_sink_dropped_total, until it drains")]
    private partial void LogQueueFull();

    [LoggerMessage(Level = LogLevel.Information, Message = "The InfluxDB sink's queue takes points again")]
    private partial void LogQueueRecovered();
}
