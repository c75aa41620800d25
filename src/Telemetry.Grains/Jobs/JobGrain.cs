using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Placement;
using Telemetry.Grains.Events;
using Telemetry.Jobs;
using Telemetry.Wire;

namespace Telemetry.Grains.Jobs;

/// <summary>
/// One job. Thin: its GPUs' 10-second windows go to <see cref="StragglerDetector"/>, where the logic lives; the grain
/// tells the GPUs it judges stragglers (one-way), publishes the changes, and keeps its data centers' job indexes current.
/// </summary>
/// <remarks>Collected a few minutes after its last GPU stopped sending; the tenant outlives it in storage.</remarks>
// Placed on the silo of the first GPU that sends it a window: most jobs run on one node, whose GPUs then never send
// their windows (one a GPU every 10 s of sample time) across silos.
[PreferLocalPlacement]
[CollectionAgeLimit(Minutes = 5)]
public sealed partial class JobGrain(
    TimeProvider time,
    IOptions<StragglerOptions> options,
    [PersistentState("job", GrainStateOptions.KeptStorageName)] IPersistentState<JobDurableState> durable,
    StragglerPublisher publisher,
    ILogger<JobGrain> logger) : Grain, IJobGrain
{
    /// <summary>A running job renews its index listings this often, so an index forgets jobs whose grain went away.</summary>
    public static readonly TimeSpan RelistEvery = TimeSpan.FromMinutes(1);

    // The tenant is written even without durable storage, to the kept store (silo memory then): it is written once per
    // placement, and must outlive this activation (collected minutes after its GPUs go quiet) for the rebalancer and the job API.
    private static readonly GrainStateOptions TenantStorage = new() { Durable = true };

    private StragglerDetector _detector = null!;
    private JobListing? _listed;
    private long _listings;

    private string JobId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _detector = new StragglerDetector(options.Value);
        return Task.CompletedTask;
    }

    public Task ReportWindowAsync(JobWindow window)
    {
        Take(window);
        return Task.CompletedTask;
    }

    public Task ReportWindowsAsync(JobWindow[] windows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        foreach (var window in windows)
        {
            Take(window);
        }

        return Task.CompletedTask;
    }

    public Task LeaveAsync(string uuid)
    {
        var count = _detector.Count;
        Apply(_detector.Leave(uuid), count);
        return Task.CompletedTask;
    }

    public async Task SetTenantAsync(string tenant)
    {
        if (string.Equals(durable.State.Tenant, tenant, StringComparison.Ordinal))
        {
            return;
        }

        durable.State.Tenant = tenant;
        Relist(force: true);
        await DurableWrite.WriteAsync(durable, TenantStorage, this);
    }

    public Task<string?> GetTenantAsync() => Task.FromResult(durable.State.Tenant);

    public Task<JobSnapshot?> GetSnapshotAsync()
    {
        if (_detector.Count == 0)
        {
            return Task.FromResult<JobSnapshot?>(null);
        }

        var gpus = _detector.Gpus().ToArray();
        var medians = new Dictionary<string, double>(StringComparer.Ordinal);
        if (_detector.Medians is { } values)
        {
            for (var s = 0; s < values.Length; s++)
            {
                if (!double.IsNaN(values[s]))
                {
                    medians[StragglerSignals.All[s].Name] = values[s];
                }
            }
        }

        return Task.FromResult<JobSnapshot?>(new JobSnapshot
        {
            JobId = JobId,
            Tenant = durable.State.Tenant,
            DataCenters = DataCentersOf(gpus.Select(g => g.Node)),
            Gpus = gpus,
            Stragglers = _detector.Stragglers(),
            JobMedian = medians,
            ComparedAt = _detector.ComparedBucketStartMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null,
        });
    }

    private void Take(JobWindow window)
    {
        var count = _detector.Count;
        Apply(_detector.Add(window), count);
    }

    private void Apply(IReadOnlyList<StragglerFinding> findings, int countBefore)
    {
        var changed = _detector.Count != countBefore;
        for (var i = 0; i < findings.Count; i++)
        {
            var finding = findings[i];
            var gpu = GrainRefs.Of<IGpuGrain>(GrainFactory, finding.Uuid);
            if (finding.Kind == FindingKind.Cleared)
            {
                _ = gpu.ClearStragglerAsync(JobId);
            }
            else
            {
                _ = gpu.MarkStragglerAsync(new StragglerNote(JobId, finding.Reason, finding.Action, finding.WindowEndMs));
            }

            if (finding.Kind != FindingKind.Still)
            {
                changed = true;
                Publish(finding);
            }
        }

        Relist(changed);
    }

    private void Publish(StragglerFinding finding)
    {
        var straggler = finding.Kind == FindingKind.Became;
        if (straggler)
        {
            LogStraggler(JobId, finding.Uuid, finding.Reason);
        }
        else
        {
            LogCleared(JobId, finding.Uuid, finding.Reason);
        }

        publisher.Publish(new StragglerChange
        {
            At = time.GetUtcNow(),
            JobId = JobId,
            Tenant = durable.State.Tenant,
            Uuid = finding.Uuid,
            Node = finding.Node,
            DataCenter = NodeIds.DataCenterOf(finding.Node),
            Straggler = straggler,
            Signal = finding.Lag.Signal.Name,
            Value = finding.Lag.Value,
            JobMedian = finding.Lag.JobMedian,
            Reason = finding.Reason,
            Action = finding.Action,
        });
    }

    /// <summary>Tells the job's data centers' indexes about it when it changed or its listing is due for renewal.</summary>
    private void Relist(bool force)
    {
        var now = time.GetUtcNow();
        if (!force && _listed is { } listed && now - listed.UpdatedAt < RelistEvery)
        {
            return;
        }

        var before = _listed?.DataCenters ?? [];
        _listed = _detector.Count == 0 ? null : new JobListing
        {
            JobId = JobId,
            Tenant = durable.State.Tenant,
            DataCenters = DataCentersOf(_detector.Nodes()),
            Gpus = _detector.Count,
            Stragglers = _detector.Stragglers(),
            UpdatedAt = now,
            Version = ++_listings,
        };
        var after = _listed?.DataCenters ?? [];
        foreach (var gone in before.Except(after, StringComparer.Ordinal))
        {
            _ = GrainRefs.Of<IJobIndexGrain>(GrainFactory, gone).RemoveAsync(JobId);
        }

        foreach (var dataCenter in after)
        {
            _ = GrainRefs.Of<IJobIndexGrain>(GrainFactory, dataCenter).UpsertAsync(_listed!);
        }
    }

    private static string[] DataCentersOf(IEnumerable<string> nodes) =>
        [.. nodes.Select(NodeIds.DataCenterOf).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId}: GPU {Uuid} is a straggler: {Reason}")]
    private partial void LogStraggler(string jobId, string uuid, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId}: GPU {Uuid} is no longer a straggler: {Reason}")]
    private partial void LogCleared(string jobId, string uuid, string reason);
}
