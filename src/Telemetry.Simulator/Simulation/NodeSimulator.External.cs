namespace Telemetry.Exporter.Simulation;

/// <summary>
/// A node whose jobs and faults come from outside — a replay acting as the fleet's scheduler — rather than
/// from the job planner: the caller says which jobs each GPU runs, raises XIDs, and reboots the node.
/// Not thread-safe: the caller serializes these calls with <see cref="Generate"/>.
/// </summary>
public sealed partial class NodeSimulator
{
    private readonly Dictionary<int, List<int>> _raised = [];

    /// <summary>When true, GPUs run only the jobs <see cref="SetJob"/> gives them; the job planner never starts one.</summary>
    public bool ExternalJobs { get; init; }

    /// <summary>
    /// From <paramref name="nowMs"/> on, GPU <paramref name="gpuIndex"/> runs <paramref name="jobIds"/> (comma-separated when
    /// it is shared, null when idle) at <paramref name="load"/> (0–1) of its compute.
    /// </summary>
    public void SetJob(int gpuIndex, string? jobIds, double load, long nowMs)
    {
        var gpu = _gpus[gpuIndex];
        gpu.Job = jobIds is null ? null : JobPlanner.External(jobIds, Math.Clamp(load, 0, 1), nowMs);
    }

    /// <summary>Raises XID <paramref name="code"/> on a GPU in the next report; 79 (fallen off the bus) also loses the GPU until a reboot.</summary>
    public void RaiseXid(int gpuIndex, int code, long nowMs)
    {
        if (!_raised.TryGetValue(gpuIndex, out var codes))
        {
            _raised[gpuIndex] = codes = [];
        }

        codes.Add(code);
        if (code == 79)
        {
            _gpus[gpuIndex].DeadSinceMs = Math.Min(_gpus[gpuIndex].DeadSinceMs, nowMs);
            _gpus[gpuIndex].Job = null;
        }
    }

    /// <summary>The node was rebooted: every GPU works again, none runs a job, and reports carry <paramref name="bootId"/> (the evidence of a reset).</summary>
    public void Reboot(string bootId)
    {
        BootId = bootId;

        // The host itself restarted: a new host boot id is the evidence of a reset that clears sticky verdicts.
        HostBootId = $"host-{bootId}";
        Seq = 0;
        _raised.Clear();
        foreach (var gpu in _gpus)
        {
            gpu.DeadSinceMs = long.MaxValue;
            gpu.Job = null;
            gpu.RowRemapFailure = false;
            gpu.RowRemapPending = false;
        }
    }

    private void TakeRaisedXids(SimulatedGpu gpu)
    {
        if (_raised.Remove(gpu.Index, out var codes))
        {
            gpu.Xids.AddRange(codes);
        }
    }
}
