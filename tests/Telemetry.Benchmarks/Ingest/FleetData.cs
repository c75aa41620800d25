using System.Diagnostics;
using Telemetry.Exporter.Simulation;

namespace Telemetry.Benchmarks.Ingest;

/// <summary>
/// The benchmark's samples, generated once before anything is measured: for every node a few rounds of
/// reports from the fleet simulator's signal model (B200, 8 GPUs, all 23 fields), each encoded both as a
/// wire-format body and as line protocol. Sends cycle through the rounds and restamp seq and timestamps.
/// </summary>
internal sealed class FleetData
{
    /// <summary>GPUs on every node, as on an HGX B200 board.</summary>
    public const int GpusPerNode = 8;

    /// <summary>The simulated report interval: S samples cover one second.</summary>
    public const double IntervalMs = 1000;

    private const int MaxRounds = 16;
    private readonly BodyTemplate[][] _messagePack;
    private readonly BodyTemplate[][] _lineProtocol;

    private FleetData(string[] nodeIds, int samplesPerReport, BodyTemplate[][] messagePack, BodyTemplate[][] lineProtocol, TimeSpan generationTime)
    {
        NodeIds = nodeIds;
        SamplesPerReport = samplesPerReport;
        _messagePack = messagePack;
        _lineProtocol = lineProtocol;
        GenerationTime = generationTime;
        Clocks = new NodeClock[nodeIds.Length];
    }

    public IReadOnlyList<string> NodeIds { get; }

    /// <summary>S: samples per GPU in a report.</summary>
    public int SamplesPerReport { get; }

    /// <summary>GPU samples in one body (GPUs × S), the same for every format.</summary>
    public int SamplesPerBody => GpusPerNode * SamplesPerReport;

    /// <summary>Distinct rounds of values per node that sends cycle through.</summary>
    public int Rounds => _messagePack[0].Length;

    public TimeSpan GenerationTime { get; }

    /// <summary>Each node's sample clock; a node's entry is touched only by the connection that owns the node.</summary>
    public NodeClock[] Clocks { get; private set; }

    /// <summary>Simulates <paramref name="nodes"/> nodes in 4 data centers; keeps as many rounds as fit in <paramref name="budgetBytes"/> (1 to 16).</summary>
    /// <param name="nodes">Nodes, 8 GPUs each.</param>
    /// <param name="samplesPerReport">S.</param>
    /// <param name="budgetBytes">Memory for the encoded bodies.</param>
    /// <param name="jobs">What the GPUs run, and whether the bodies name the jobs.</param>
    public static FleetData Generate(int nodes, int samplesPerReport, long budgetBytes, BenchmarkJobs jobs)
    {
        var stopwatch = Stopwatch.StartNew();
        var settings = new SimulationSettings(IntervalMs, samplesPerReport, new SimulatorOptions().XidRatePerGpuHour);
        var startMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var nodeIds = new string[nodes];
        var messagePack = new BodyTemplate[nodes][];
        var lineProtocol = new BodyTemplate[nodes][];
        var rounds = 1;
        for (var n = 0; n < nodes; n++)
        {
            nodeIds[n] = $"dc{(n % 4) + 1}/node-{(n / 4) + 1:D5}";
            var simulator = new NodeSimulator(nodeIds[n], GpuModelSpec.B200, GpusPerNode, settings, identitySeed: 1, signalSeed: 42, Guid.NewGuid().ToString())
            {
                ExternalJobs = !jobs.ByPlanner,
            };
            jobs.Start(simulator, n, startMs);
            for (var r = 0; ; r++)
            {
                // The simulator reuses its arrays, so each report is encoded before the next is generated.
                var report = jobs.Sent(simulator.Generate(startMs + (long)(r * IntervalMs)));
                var body = MessagePackTemplate.Create(report);
                var lines = LineProtocol.Create(report);
                if (n == 0 && r == 0)
                {
                    rounds = (int)Math.Clamp(budgetBytes / ((long)nodes * (body.Bytes.Length + lines.Bytes.Length)), 1, MaxRounds);
                }

                (messagePack[n] ??= new BodyTemplate[rounds])[r] = body;
                (lineProtocol[n] ??= new BodyTemplate[rounds])[r] = lines;
                if (r == rounds - 1)
                {
                    break;
                }
            }
        }

        return new FleetData(nodeIds, samplesPerReport, messagePack, lineProtocol, stopwatch.Elapsed);
    }

    /// <summary>The template for node <paramref name="node"/>'s <paramref name="pass"/>-th send in <paramref name="format"/>.</summary>
    public BodyTemplate Body(BodyFormat format, int node, long pass) =>
        (format == BodyFormat.MessagePack ? _messagePack : _lineProtocol)[node][pass % Rounds];

    /// <summary>Average body size in <paramref name="format"/>, bytes.</summary>
    public double AverageBodyBytes(BodyFormat format) =>
        (format == BodyFormat.MessagePack ? _messagePack : _lineProtocol).Average(r => r.Average(b => (double)b.Bytes.Length));

    /// <summary>Starts every node's clock afresh, so each server's run begins at its own "now".</summary>
    public void ResetClocks() => Clocks = new NodeClock[NodeIds.Count];
}
