using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Telemetry.Grains.Events;
using Telemetry.Grains.Rebalancing;
using Telemetry.Jobs;
using Telemetry.Rebalancing;

namespace Telemetry.Grains;

/// <summary>
/// The fleet's rebalancer. Thin: every <see cref="RebalancerOptions.Interval"/> it reads each data center's
/// signals, lets <see cref="Rebalancer"/> decide, applies what was decided (admission weights, drain flags;
/// nothing in dry run), keeps and publishes the decisions, and writes its state when durable. It keeps no job's tenant:
/// it asks the jobs its decisions name (<see cref="JobTenantLookup"/>), and, with straggler drains on, the jobs its data
/// centers list as straggling.
/// </summary>
[CollectionAgeLimit(AlwaysActive = true)]
public sealed partial class RebalancerGrain(
    TimeProvider time,
    IOptions<RebalancerOptions> options,
    GrainStateOptions stateOptions,
    [PersistentState("rebalancer", GrainStateOptions.StorageName)] IPersistentState<RebalancerState> durable,
    DecisionPublisher publisher,
    DeepCopier copier,
    ILogger<RebalancerGrain> logger) : Grain, IRebalancerGrain
{
    /// <summary>Alerts kept.</summary>
    public const int MaxAlerts = 200;

    private DecisionLog _log = null!;
    private RebalancerState State => durable.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _log = new DecisionLog(State.Decisions, State.NextSeq);
        this.RegisterGrainTimer(_ => RunAsync(), new GrainTimerCreationOptions
        {
            DueTime = options.Value.Interval,
            Period = options.Value.Interval,
            Interleave = false,
            KeepAlive = true,
        });
        return Task.CompletedTask;
    }

    public Task<RebalancePolicy> GetPolicyAsync() => Task.FromResult(State.Policy);

    public async Task<string[]> SetPolicyAsync(RebalancePolicy policy)
    {
        var problems = PolicyValidator.Problems(policy);
        if (problems.Length == 0)
        {
            State.Policy = policy;
            LogPolicyChanged(policy.DryRun, policy.TenantDataCenters.Count);
            await WriteAsync();
        }

        return problems;
    }

    public Task<IReadOnlyDictionary<string, string[]>> GetTenantDataCentersAsync() => Task.FromResult(State.Policy.TenantDataCenters);

    public Task<RebalanceDecision[]> GetDecisionsAsync(DateTimeOffset? since, int limit) => Task.FromResult(_log.Newest(since, limit));

    public async Task<RebalanceDecision?> AcknowledgeAsync(string id)
    {
        var before = _log.Decisions.Find(d => d.Id == id)?.Status;
        var decision = _log.Acknowledge(id);
        if (decision is not null && decision.Status != before)
        {
            publisher.Publish(decision);
            await WriteAsync();
        }

        return decision;
    }

    public Task<RebalanceAlert[]> GetAlertsAsync() => Task.FromResult<RebalanceAlert[]>([.. Enumerable.Reverse(State.Alerts)]);

    public Task<RebalanceDecision[]> RunOnceAsync() => RunAsync();

    public async Task<RebalanceDecision?> OperatorDrainAsync(OperatorAction action)
    {
        var node = GrainFactory.GetGrain<INodeGrain>(action.Node);
        if (await node.GetSnapshotAsync() is not { } snapshot)
        {
            return null;
        }

        var drain = action.Kind == DecisionKind.Drain;
        State.Memory.Drained.Remove(action.Node);
        State.Memory.StragglerDrained.Remove(action.Node);
        if (drain || snapshot.Gpus.All(g => g.Health != Telemetry.Health.HealthState.Unhealthy))
        {
            State.Memory.OperatorUndrained.Remove(action.Node);
        }
        else
        {
            State.Memory.OperatorUndrained.Add(action.Node);
        }

        await node.SetDrainAsync(drain, $"operator {action.By}: {action.Reason}");
        var onNode = snapshot.Gpus.Where(g => g.JobId is not null).GroupBy(g => g.JobId!, StringComparer.Ordinal).ToArray();
        var tenants = await TenantsAsync([.. onNode.Select(j => j.Key)]);
        var jobs = onNode.Select(j => new DecisionJob(j.Key, j.Count(), tenants.GetValueOrDefault(j.Key)));
        return await AuditAsync(action, [.. jobs], $"{action.By} {(drain ? "drained" : "undrained")} {action.Node} by hand: {action.Reason}");
    }

    public Task<RebalanceDecision> RecordClearAsync(OperatorAction action, string[] clearedReasons) =>
        AuditAsync(action, [], $"{action.By} cleared the health of {action.Gpu} on {action.Node} ({(clearedReasons.Length == 0 ? "it was healthy" : string.Join("; ", clearedReasons))}): {action.Reason}");

    // An operator's action is carried out when made, so it is recorded acknowledged, never proposed to a scheduler.
    private async Task<RebalanceDecision> AuditAsync(OperatorAction action, DecisionJob[] jobs, string reason)
    {
        var decision = _log.Add(new RebalanceDecision
        {
            Id = "",
            At = time.GetUtcNow(),
            Kind = action.Kind,
            From = Wire.NodeIds.DataCenterOf(action.Node),
            Node = action.Node,
            Gpu = action.Gpu,
            Jobs = jobs,
            By = action.By,
            Reason = reason,
            Signals = new Dictionary<string, double>(StringComparer.Ordinal),
            Status = DecisionStatus.Acknowledged,
        });
        LogOperatorAction(decision.Id, decision.Kind, action.By, reason);
        publisher.Publish(decision);
        State.NextSeq = _log.NextSeq;
        await WriteAsync();
        return decision;
    }

    private async Task<RebalanceDecision[]> RunAsync()
    {
        var now = time.GetUtcNow();
        var policy = State.Policy;
        var ids = await GrainFactory.GetGrain<IFleetGrain>(IFleetGrain.Key).GetDataCentersAsync();
        var signals = await Task.WhenAll(ids.Select(id => GrainFactory.GetGrain<IDataCenterGrain>(id).GetSignalsAsync()));
        var stragglers = policy.DrainStragglerNodes ? await StragglersAsync(ids) : [];
        var (step, memory) = await JobTenantLookup.EvaluateAsync(
            State.Memory,
            copier.Copy,
            (trial, tenantOf) => StragglerDrains.Add(Rebalancer.Evaluate(signals, policy, trial, tenantOf, now), signals, stragglers, policy, trial, tenantOf, now),
            TenantsAsync);
        State.Memory = memory;

        var added = step.Decisions.Select(_log.Add).ToArray();
        foreach (var decision in added.Concat(_log.Expire(now, TimeSpan.FromSeconds(policy.DecisionTtlSeconds))))
        {
            LogDecision(decision.Id, decision.Kind, decision.Reason, decision.DryRun);
            publisher.Publish(decision);
        }

        foreach (var alert in step.Alerts)
        {
            LogAlert(alert.DataCenter, alert.Kind, alert.Detail);
            State.Alerts.Add(alert);
            publisher.Publish(alert);
        }

        if (State.Alerts.Count > MaxAlerts)
        {
            State.Alerts.RemoveRange(0, State.Alerts.Count - MaxAlerts);
        }

        await ApplyAsync(step, added, policy.DryRun);
        State.NextSeq = _log.NextSeq;
        await WriteAsync();
        return added;
    }

    // Weights are set every interval (idempotent), so a data-center grain that moved is back in step at once.
    private async Task ApplyAsync(RebalanceStep step, RebalanceDecision[] decisions, bool dryRun)
    {
        await Task.WhenAll(step.Weights.Select(w => GrainFactory.GetGrain<IDataCenterGrain>(w.Key).SetAdmissionWeightAsync(dryRun ? 1 : w.Value)));
        if (dryRun)
        {
            return;
        }

        await Task.WhenAll(decisions.Where(d => d.Kind is DecisionKind.Drain or DecisionKind.Undrain).Select(d =>
            GrainFactory.GetGrain<INodeGrain>(d.Node!).SetDrainAsync(d.Kind == DecisionKind.Drain, $"rebalancer {d.Id}: {d.Reason}")));
    }

    /// <summary>The tenants of <paramref name="jobs"/>, asked of the job grains together.</summary>
    private async Task<IReadOnlyDictionary<string, string?>> TenantsAsync(IReadOnlyList<string> jobs)
    {
        var tenants = await Task.WhenAll(jobs.Select(job => GrainFactory.GetGrain<IJobGrain>(job).GetTenantAsync()));
        return jobs.Zip(tenants).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
    }

    /// <summary>The GPUs their jobs judge stragglers now: the data centers' straggling jobs, then those jobs' GPUs.</summary>
    private async Task<StragglerSeat[]> StragglersAsync(string[] dataCenters)
    {
        var listed = await Task.WhenAll(dataCenters.Select(dc => GrainFactory.GetGrain<IJobIndexGrain>(dc).StragglingAsync()));
        var jobs = listed.SelectMany(l => l).Select(l => l.JobId).Distinct(StringComparer.Ordinal);
        var snapshots = await Task.WhenAll(jobs.Select(job => GrainFactory.GetGrain<IJobGrain>(job).GetSnapshotAsync()));
        return [.. snapshots.OfType<JobSnapshot>().SelectMany(StragglerSeat.Of)];
    }

    private Task WriteAsync() => DurableWrite.WriteAsync(durable, stateOptions, this);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rebalance decision {Id} {Kind}: {Reason} (dry run: {DryRun})")]
    private partial void LogDecision(string id, DecisionKind kind, string reason, bool dryRun);

    [LoggerMessage(Level = LogLevel.Error, Message = "Rebalancer alert in {DataCenter} ({Kind}): {Detail}")]
    private partial void LogAlert(string dataCenter, string kind, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Operator action {Id} {Kind} by {By}: {Reason}")]
    private partial void LogOperatorAction(string id, DecisionKind kind, string by, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rebalancing policy changed (dry run: {DryRun}, {Tenants} tenant rules)")]
    private partial void LogPolicyChanged(bool dryRun, int tenants);
}
