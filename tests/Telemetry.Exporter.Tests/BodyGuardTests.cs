using System.Security.Cryptography;
using Telemetry.Exporter.Simulation;
using Telemetry.Exporter.Simulation.Scenarios;

namespace Telemetry.Exporter.Tests;

/// <summary>
/// Pins the simulator's bodies byte for byte: a small fleet shaped like <c>soak.sh --national</c> (4 samples a
/// report, time scale 4, 10 s reports) with jobs, XIDs, stragglers and scenario events, encoded the way the
/// scheduler encodes them. The hash was recorded from the simulator before its encoding path was rewritten for
/// speed; a change here means the bodies a given seed sends have changed.
/// </summary>
public sealed class BodyGuardTests
{
    private const string RecordedHash = "f5e68a9bc2d7813b97ae74308d4cf7f34520450bf449c3343d32939c622db9cc";
    private const double IntervalMs = 10_000 * 4;
    private const int Rounds = 40;

    [Fact]
    public void Encode_NationalShapedFleet_SendsTheRecordedBodies()
    {
        var lanes = Fleet().Select((node, i) => new NodeLane(node, i % 3)).ToArray();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var xids = 0L;
        for (var round = 1; round <= Rounds; round++)
        {
            for (var i = 0; i < lanes.Length; i++)
            {
                // Each node at its own phase of the interval, as the scheduler spreads them.
                var nowMs = TestNodes.Noon + (long)(round * IntervalMs) + (i * 997);
                var request = lanes[i].Encode(nowMs, gzip: false, out var newXids);
                xids += newXids;
                hash.AppendData(request.Body.Span);
            }
        }

        Assert.True(xids > 0, "the fleet should raise XIDs, so their encoding is covered");
        Assert.NotEmpty(lanes.SelectMany(l => l.Node.Stragglers()));
        Assert.Equal(RecordedHash, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static IEnumerable<NodeSimulator> Fleet()
    {
        var settings = new SimulationSettings(IntervalMs, 4, XidRatePerGpuHour: 2) { StragglerRatePerGpuHour = 1 };
        var models = GpuModelSpec.Known;
        var scenarios = new[] { ScenarioKind.Thermal, ScenarioKind.XidStorm, ScenarioKind.Stragglers, ScenarioKind.Hotspot };
        for (var n = 0; n < 8; n++)
        {
            var nodeId = $"dc{(n % 2) + 1}/node-{n + 1:D4}";
            var node = new NodeSimulator(nodeId, models[n % models.Count], 8, settings, identitySeed: 1, signalSeed: 0xA5A5_5A5A_C3C3_3C3DUL, $"00000000-0000-0000-0000-{n:D12}");
            if (n < scenarios.Length)
            {
                // Events start after the lead-in (a minute of sample time at speed 1), a few rounds into the run.
                node.ScenarioSlot = (new Scenario(scenarios[n], "dc1", TestNodes.Noon, speed: 1), "dc1", n, 4);
            }

            yield return node;
        }
    }
}
