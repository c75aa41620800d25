using Telemetry.Exporter.Simulation.Scenarios;

namespace Telemetry.Exporter.Simulation;

/// <summary>Builds the simulated nodes from the options: names, models, seeds and first servers.</summary>
internal static class FleetLayout
{
    /// <summary>
    /// The fleet's nodes, interleaved across data centers (dc1/node-0001, dc2/node-0001, …) so that
    /// spreading send times over the interval also spreads every data center's load.
    /// </summary>
    public static NodeSimulator[] Build(SimulatorOptions options, ulong signalSeed, long startMs = 0)
    {
        var scenario = options.Scenario == ScenarioKind.Steady ? null : new Scenario(options.Scenario, options.DataCenters[0], startMs, options.ScenarioSpeed);
        var settings = new SimulationSettings(options.Interval.TotalMilliseconds * options.TimeScale, options.SamplesPerReport, options.XidRatePerGpuHour) 
        {
            Load = options.Load,
            StragglerRatePerGpuHour = options.StragglerRatePerGpuHour,
        };
        var identitySeed = (ulong)(options.Seed ?? 0);
        var width = Math.Max(4, options.NodesPerDataCenter.ToString().Length);
        var nodes = new NodeSimulator[options.NodeCount];
        var i = 0;
        for (var n = 1; n <= options.NodesPerDataCenter; n++)
        {
            foreach (var dc in options.DataCenters)
            {
                var nodeId = $"{dc}/{options.HostPrefix}-{n.ToString().PadLeft(width, '0')}";
                var model = PickModel(options.Models, identitySeed, nodeId);
                nodes[i++] = new NodeSimulator(nodeId, model, options.GpusPerNode, settings, identitySeed, signalSeed, Guid.NewGuid().ToString())
                {
                    ScenarioSlot = scenario is null ? null : (scenario, dc, n - 1, options.NodesPerDataCenter),
                };
            }
        }

        return nodes;
    }

    /// <summary>The signal seed: fixed by <see cref="SimulatorOptions.Seed"/>, else different every run.</summary>
    public static ulong SignalSeed(int? seed) =>
        seed is { } s ? (ulong)s ^ 0xA5A5_5A5A_C3C3_3C3CUL : (ulong)Random.Shared.NextInt64();

    // The model is hardware, so it depends on the identity seed like the UUIDs do.
    private static GpuModelSpec PickModel(IReadOnlyList<ModelShare> models, ulong identitySeed, string nodeId)
    {
        if (models.Count == 1)
        {
            return models[0].Model;
        }

        var random = new FastRandom(GpuUuids.NodeSeed(identitySeed, nodeId) ^ 0x0DE1UL);
        var target = random.NextDouble() * models.Sum(m => m.Weight);
        foreach (var share in models)
        {
            target -= share.Weight;
            if (target < 0)
            {
                return share.Model;
            }
        }

        return models[^1].Model;
    }
}
