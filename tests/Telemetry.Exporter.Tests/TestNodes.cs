using Telemetry.Exporter.Simulation;
using Telemetry.Fields;
using Telemetry.Wire;

namespace Telemetry.Exporter.Tests;

/// <summary>Builds simulated nodes for tests and drives them through simulated time.</summary>
internal static class TestNodes
{
    /// <summary>2025-06-02 12:00 UTC: a weekday afternoon, near peak demand.</summary>
    public const long Noon = 1_748_865_600_000;

    public static NodeSimulator Create(
        string nodeId = "dc1/node-0001",
        double intervalMs = 1000,
        int samples = 10,
        double xidRate = 0,
        ulong identitySeed = 1,
        ulong signalSeed = 2,
        GpuModelSpec? model = null,
        int gpus = 8) =>
        new(nodeId, model ?? GpuModelSpec.B200, gpus, new SimulationSettings(intervalMs, samples, xidRate), identitySeed, signalSeed, "00000000-0000-0000-0000-000000000001");

    /// <summary>Reports at every interval from <paramref name="startMs"/>, for <paramref name="count"/> reports.</summary>
    public static IEnumerable<NodeReport> Run(NodeSimulator node, long startMs, double intervalMs, int count)
    {
        for (var i = 1; i <= count; i++)
        {
            yield return node.Generate(startMs + (long)(i * intervalMs));
        }
    }

    public static double Value(GpuSamples gpu, int sample, int fieldId) => gpu.Value(sample, fieldId);

    public static IEnumerable<double> Column(GpuSamples gpu, int fieldId) =>
        Enumerable.Range(0, gpu.SampleCount).Select(s => gpu.Value(s, fieldId));

    public static double Correlation(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        double mx = x.Average(), my = y.Average(), sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Count; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }

        return sxy / Math.Sqrt(sxx * syy);
    }

    public static int Column(int fieldId) => fieldId - 1;

    public static int FieldCount => FieldCatalog.Count;
}
