using System.Text.Json;
using Telemetry.Silo.Api;
using Telemetry.Silo.Tests.Live;

namespace Telemetry.Benchmarks.HeatMap;

/// <summary>The API answers the fleet page asks for, serialized once as the silo writes them: the fleet and each data center's heat map.</summary>
internal sealed class FleetAnswers
{
    private readonly Dictionary<string, byte[]> _byPath = new(StringComparer.Ordinal);

    public FleetAnswers(int dataCenters, int nodes)
    {
        var json = ApiJson.Create();
        var gpus = Enumerable.Range(1, dataCenters).Select(d => SyntheticDataCenter.Gpus($"dc{d}", nodes, seed: d)).ToArray();
        foreach (var dc in gpus)
        {
            _byPath[$"/api/v1/datacenters/{dc.DataCenter}/gpus"] = JsonSerializer.SerializeToUtf8Bytes(dc, json);
        }

        _byPath["/api/v1/fleet"] = JsonSerializer.SerializeToUtf8Bytes(FleetView.From([.. gpus.Select(SyntheticDataCenter.Summary)]), json);
        _byPath["/api/v1/rebalance/alerts"] = "[]"u8.ToArray();
        Cells = gpus.Sum(g => g.Nodes.Count * SyntheticDataCenter.GpusPerNode);
    }

    /// <summary>GPUs over every data center.</summary>
    public int Cells { get; }

    /// <summary>The largest heat-map answer, bytes of JSON.</summary>
    public int LargestHeatMapBytes => _byPath.Where(p => p.Key.EndsWith("/gpus", StringComparison.Ordinal)).Max(p => p.Value.Length);

    public bool TryGet(string path, out byte[] body) => _byPath.TryGetValue(path, out body!);
}
