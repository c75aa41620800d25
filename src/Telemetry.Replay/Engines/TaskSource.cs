using Telemetry.Replay.Fleet;
using Telemetry.Replay.Trace;

namespace Telemetry.Replay.Engines;

/// <summary>
/// The trace's GPU tasks in file order, each with its tenant drawn from the seed (the same for every
/// policy); with <see cref="Cycle"/>, the trace starts again from its top under new ids (<c>-r1</c>, …).
/// </summary>
public sealed class TaskSource(IReadOnlyList<TraceTask> trace, TenantPlan tenants, int seed)
{
    private readonly Random _tenantDraws = new(seed);
    private int _next;
    private int _round;

    /// <summary>Trace rows without GPUs seen in the first pass.</summary>
    public int CpuOnlyTasks { get; private set; }

    /// <summary>When true the trace repeats; when false <see cref="Next"/> returns null at its end.</summary>
    public bool Cycle { get; init; }

    /// <summary>The next GPU task, or null at the end of a non-cycling trace (or of a trace with no GPU task).</summary>
    public ReplayTask? Next()
    {
        for (var scanned = 0; scanned <= trace.Count; scanned++)
        {
            if (_next == trace.Count)
            {
                if (!Cycle)
                {
                    return null;
                }

                _round++;
                _next = 0;
            }

            var row = trace[_next++];
            var draw = _tenantDraws.NextDouble();
            if (row.Gpus == 0)
            {
                CpuOnlyTasks += _round == 0 ? 1 : 0;
                continue;
            }

            return new ReplayTask(_round == 0 ? row.Name : $"{row.Name}-r{_round}", row, tenants.Pick(draw));
        }

        return null;
    }
}
