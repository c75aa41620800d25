using Telemetry.Exporter.Sending;

namespace Telemetry.Exporter.Simulation;

/// <summary>
/// Simulates a fleet of GPU nodes and streams their reports to ingest servers (WIRE.md), from the
/// <c>simulate</c> command or in-process (the silo's demo mode). Each node sends one body at a time,
/// and nodes' send times are spread evenly over the interval.
/// </summary>
public sealed class FleetSimulator
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(3);
    private readonly HttpMessageHandler? _handler;
    private readonly TimeProvider _time;
    private readonly SendCounters _counters = new();
    private ReportSpool? _spool;
    private SpoolBacklog? _lastBacklog;
    private int _nodeCount;
    private NodeSimulator[] _nodes = [];
    private long _startedAt;
    private int _started;

    /// <param name="options">What to simulate; throws <see cref="ArgumentException"/> when invalid.</param>
    /// <param name="handler">Sends the HTTP requests (e.g. an in-memory test server's); null uses sockets. Not disposed.</param>
    /// <param name="timeProvider">Clock for timestamps and scheduling; null uses the system clock.</param>
    public FleetSimulator(SimulatorOptions options, HttpMessageHandler? handler = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid simulator options: " + string.Join("; ", errors), nameof(options));
        }

        Options = options;
        _handler = handler;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The options this simulator runs with.</summary>
    public SimulatorOptions Options { get; }

    /// <summary>Counters so far; safe to call from any thread, during and after the run.</summary>
    public SendStats GetStats()
    {
        var started = Interlocked.Read(ref _startedAt);
        var elapsed = started == 0 ? TimeSpan.Zero : _time.GetElapsedTime(started);
        return _counters.Snapshot(elapsed, Volatile.Read(ref _nodeCount), Backlog(), _time.GetUtcNow());
    }

    /// <summary>Ground truth: every straggler fault injected so far, by node; safe to call during and after the run.</summary>
    public InjectedStraggler[] InjectedStragglers() => [.. Volatile.Read(ref _nodes).SelectMany(n => n.Stragglers())];

    /// <summary>
    /// Runs until <see cref="SimulatorOptions.Duration"/> has passed or <paramref name="cancellationToken"/> is
    /// cancelled (a normal end, not an error), then waits briefly for bodies in flight and the spool to drain.
    /// Runs once per instance.
    /// </summary>
    /// <returns>The final counters.</returns>
    /// <exception cref="IOException">The spool directory cannot be used (e.g. another exporter holds it).</exception>
    public async Task<SendStats> RunAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("A FleetSimulator runs once; create another for a new run.");
        }

        // The run, its schedule and its sample clock start here, so sample time meets the clock as the run ends.
        var start = _time.GetTimestamp();
        var clock = SampleClock.Start(_time, start, Options);
        var nodes = FleetLayout.Build(Options, FleetLayout.SignalSeed(Options.Seed), clock.StartMs);
        Volatile.Write(ref _nodes, nodes);
        var lanes = nodes.Select((node, i) => new NodeLane(node, i % Options.Servers.Count)).ToArray();
        Volatile.Write(ref _nodeCount, lanes.Length);

        using var http = CreateClient();
        using var gate = new SemaphoreSlim(Options.Concurrency);
        using var sending = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var endpoints = Options.Servers.Select(IngestEndpoints.Resolve).ToArray();
        var retry = new RetryPolicy(Options.RetryBaseDelay, Options.RetryMaxDelay);
        var sender = new IngestSender(http, endpoints, Options.Token, retry, gate, _counters, _time);
        using var spool = Options.SpoolDirectory is { } directory
            ? ReportSpool.Open(new ReportSpoolOptions(directory, Options.SpoolMaxBytes), _time)
            : null;
        Volatile.Write(ref _spool, spool);
        var spooling = spool is null ? null : new SpoolingDispatcher(spool, sender, _counters);
        var scheduler = new ReportScheduler(lanes, Options, new LaneDispatcher(sender, spooling, _counters), _counters, _time, clock);
        var draining = spool is null
            ? Task.CompletedTask
            : new SpoolDrainer(spool, sender, retry, _counters, Math.Max(1, Options.Concurrency / 2), _time).RunAsync(sending.Token);

        Interlocked.Exchange(ref _startedAt, start);
        try
        {
            await scheduler.RunAsync(_startedAt, sending.Token);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl-C or the host stopping: the end of an open-ended run.
        }

        await DrainAsync(lanes, spool, sending);
        await draining;
        _lastBacklog = spool?.Snapshot();
        Volatile.Write(ref _spool, null);
        return GetStats();
    }

    private SpoolBacklog? Backlog()
    {
        try
        {
            return Volatile.Read(ref _spool)?.Snapshot() ?? _lastBacklog;
        }
        catch (ObjectDisposedException)
        {
            return _lastBacklog;
        }
    }

    private async Task DrainAsync(NodeLane[] lanes, ReportSpool? spool, CancellationTokenSource sending)
    {
        var pending = lanes.Select(l => l.Pending).OfType<Task>().ToArray();
        var all = Task.WhenAll(pending);
        if (!sending.IsCancellationRequested)
        {
            var deadline = Task.Delay(DrainTimeout, _time);
            await Task.WhenAny(all, deadline);
            while (spool is not null && !deadline.IsCompleted && spool.Snapshot().Bodies > 0)
            {
                await Task.WhenAny(spool.Changed, deadline);
            }

            await sending.CancelAsync();
        }

        await all;
    }

    private HttpClient CreateClient()
    {
        if (_handler is not null)
        {
            return new HttpClient(_handler, disposeHandler: false) { Timeout = Options.RequestTimeout };
        }

        HttpMessageHandler handler = Options.DryRun
            ? new AcceptingHandler()
            : new SocketsHttpHandler
            {
                MaxConnectionsPerServer = Options.Concurrency,
                ConnectTimeout = TimeSpan.FromSeconds(5),
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                UseCookies = false,

                // Ingest servers sit on the cluster network; an environment proxy would only get in the way.
                UseProxy = false,
            };
        return new HttpClient(handler, disposeHandler: true) { Timeout = Options.RequestTimeout };
    }
}
