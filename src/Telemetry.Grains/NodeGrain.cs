using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Placement;
using Telemetry.Grains.Events;
using Telemetry.Grains.Nodes;
using Telemetry.Health;
using Telemetry.Placement;
using Telemetry.State;
using Telemetry.Wire;

namespace Telemetry.Grains;

/// <summary>
/// One GPU node. Thin: it fans each new report out to its GPUs (one call per GPU), and on a timer marks
/// quiet GPUs offline and sends its summary to its data center; <see cref="NodeMonitor"/> decides.
/// </summary>
/// <remarks>
/// Placed on the silo that takes the node's first report, so an exporter that keeps talking to one silo
/// keeps its node, and the node's GPUs (placed with it), on that silo: no hop between silos per report.
/// </remarks>
[PreferLocalPlacement]
[CollectionAgeLimit(Days = 1)]
public sealed partial class NodeGrain(
    TimeProvider time,
    IOptions<NodeMonitorOptions> options,
    IGrainContext context,
    DurableStates states,
    HealthChangePublisher healthChanges,
    NodeCheckStats checks,
    ILogger<NodeGrain> logger) : Grain, INodeGrain
{
    // Null without durable storage, where there is nothing to read or write.
    private readonly IPersistentState<NodeDurableState>? _durable = states.For<NodeDurableState>(context, "node");
    private NodeMonitor _monitor = null!;

    private string NodeId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _monitor = new NodeMonitor(NodeId, options.Value, time.GetUtcNow());
        if (_durable is not null)
        {
            _monitor.Restore(_durable.State, time.GetUtcNow());
        }

        // Not interleaved: a node grain takes one call per report interval, so its timer gets turns, and
        // a check that interleaved with a report's fan-out could mark offline a GPU that just reported.
        this.RegisterGrainTimer(CheckAsync, new GrainTimerCreationOptions
        {
            DueTime = options.Value.CheckPeriod,
            Period = options.Value.CheckPeriod,
            Interleave = false,
            KeepAlive = true,
        });
        return Task.CompletedTask;
    }

    public async Task<IngestOutcome> ApplyAsync(NodeReport[] reports)
    {
        var outcome = IngestOutcome.None;
        foreach (var report in reports)
        {
            if (_monitor.IsReplay(report))
            {
                outcome = outcome.Add(new IngestOutcome(0, 0, 1));
                continue;
            }

            var briefs = await FanOutAsync(report);

            // Recorded only after every GPU took its block: a failed fan-out is retried whole, and GPUs skip what they have.
            _monitor.Applied(report, briefs, time.GetUtcNow());
            outcome = outcome.Add(new IngestOutcome(1, report.SampleCount, 0));
        }

        if (outcome.Reports > 0)
        {
            Reassess();
            // Before the answer: once the exporter hears 202, a retry on any silo must be a duplicate.
            await RememberAsync();
        }

        return outcome;
    }

    public Task<NodeSnapshot?> GetSnapshotAsync() => Task.FromResult(_monitor.Snapshot());

    public async Task<bool> HoldAsync(GpuHold hold)
    {
        var held = _monitor.Hold(hold, time.GetUtcNow());
        if (held)
        {
            await RememberAsync();
        }

        // Either way the index learns what is free now: held GPUs leave it, and a refused hold corrects a stale entry.
        await SendSummaryAsync(force: true);
        return held;
    }

    public async Task ReleaseAsync(string reservationId)
    {
        if (_monitor.Release(reservationId))
        {
            await RememberAsync();
        }

        await SendSummaryAsync(force: true);
    }

    public Task<DateTimeOffset?> GetReservedUntilAsync(string gpuUuid) => Task.FromResult(_monitor.ReservedUntil(gpuUuid, time.GetUtcNow()));

    public async Task<bool> ExtendHoldAsync(string reservationId, DateTimeOffset expiresAt)
    {
        var extended = _monitor.ExtendHold(reservationId, expiresAt, time.GetUtcNow());
        if (extended)
        {
            await RememberAsync();
        }

        return extended;
    }

    public Task<GpuClaim[]> GetClaimsAsync(string gpuUuid) => Task.FromResult(_monitor.Claims(gpuUuid));

    public async Task SetDrainAsync(bool drained, string? reason)
    {
        if (_monitor.SetDrain(drained, reason))
        {
            LogDrainChanged(NodeId, drained, reason);
            await RememberAsync();
            await SendSummaryAsync(force: true);
        }
    }

    private Task RememberAsync()
    {
        if (_durable is null)
        {
            return Task.CompletedTask;
        }

        _monitor.Remember(_durable.State);
        return DurableWrite.WriteAsync(_durable, this);
    }

    private async Task SendSummaryAsync(bool force)
    {
        var now = time.GetUtcNow();
        if (_monitor.SummaryToSend(now, force) is { } summary)
        {
            await GrainFactory.GetGrain<IDataCenterGrain>(NodeIds.DataCenterOf(NodeId)).ReportNodeAsync(summary);
            _monitor.SummarySent(summary, now);
        }
    }

    private Task<GpuBrief[]> FanOutAsync(NodeReport report)
    {
        var calls = new Task<GpuBrief>[report.Gpus.Length];
        for (var i = 0; i < calls.Length; i++)
        {
            var gpu = report.Gpus[i];
            calls[i] = GrainRefs.Of<IGpuGrain>(GrainFactory, gpu.Uuid).ApplyAsync(new GpuReport(NodeId, report.BootId, report.Seq, gpu, report.HostBootId));
        }

        return Task.WhenAll(calls);
    }

    private async Task CheckAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var unheard = _monitor.Checked(now, options.Value.CheckPeriod);
        if (unheard > TimeSpan.Zero)
        {
            checks.Late(unheard);
        }

        var quiet = _monitor.CheckSilence(now);
        if (quiet.NodeSilent)
        {
            LogNodeSilent(NodeId, now - quiet.Since);
        }

        if (quiet.GpuIndexes.Length > 0)
        {
            var marked = await Task.WhenAll(quiet.GpuIndexes.Select(i => GrainRefs.Of<IGpuGrain>(GrainFactory, _monitor.Gpu(i).Uuid).MarkOfflineAsync(quiet.Since)));
            _monitor.Update(marked.OfType<GpuBrief>());
        }

        Reassess();
        if (_monitor.ExpireHolds(now))
        {
            await RememberAsync();
        }

        await SendSummaryAsync(force: false);
    }

    private void Reassess()
    {
        var before = _monitor.Health.State;
        if (_monitor.Reassess(time.GetUtcNow()))
        {
            var verdict = _monitor.Health;
            LogHealthChanged(NodeId, verdict.State, verdict.Reasons);
            healthChanges.Publish(new HealthChange
            {
                At = time.GetUtcNow(),
                Subject = HealthSubject.Node,
                Id = NodeId,
                Node = NodeId,
                DataCenter = NodeIds.DataCenterOf(NodeId),
                From = before,
                To = verdict,
            });
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {NodeId} has been silent for {Silence}; its GPUs are offline")]
    private partial void LogNodeSilent(string nodeId, TimeSpan silence);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {NodeId} drained: {Drained} ({Reason})")]
    private partial void LogDrainChanged(string nodeId, bool drained, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {NodeId} is now {State}: {Reasons}")]
    private partial void LogHealthChanged(string nodeId, HealthState state, string[] reasons);
}
