using System.Text.Json.Nodes;
using Telemetry.Replay.Fleet;

namespace Telemetry.Replay.Live;

/// <summary>
/// Links a policy run to the silos: sets the rebalancing policy for the run (the tenants' data centers;
/// <c>dryRun</c> with <c>--rebalance off</c>, so the silo applies nothing either), starts the fleet's
/// telemetry, and waits until every node of it is reporting.
/// </summary>
public sealed class SiloClusterConnector(TimeProvider time, Action<string> progress) : IReplayClusterConnector
{
    /// <summary>How long the fleet may take to show up in the silos' data centers.</summary>
    public TimeSpan ReportingDeadline { get; init; } = TimeSpan.FromMinutes(3);

    public async Task<IReplayCluster> ConnectAsync(ReplayFleet fleet, TenantPlan tenants, ReplayOptions options, CancellationToken cancellationToken)
    {
        var silo = new SiloClient(new HttpClient { Timeout = TimeSpan.FromSeconds(30) }, options.Servers, options.ApiKey);
        await SetPolicyAsync(silo, tenants, options, cancellationToken).ConfigureAwait(false);
        var ingest = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 32, ConnectTimeout = TimeSpan.FromSeconds(5) }) { Timeout = TimeSpan.FromSeconds(30) };
        var live = new LiveFleet(fleet, options, silo, ingest, time);
        live.Start();
        try
        {
            await WaitReportingAsync(silo, fleet, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await live.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return live;
    }

    private static async Task SetPolicyAsync(SiloClient silo, TenantPlan tenants, ReplayOptions options, CancellationToken ct)
    {
        var policy = await silo.RequireAsync(HttpMethod.Get, "/api/v1/rebalance/policy", null, ct).ConfigureAwait(false) as JsonObject
            ?? throw new SiloUnreachableException("GET /api/v1/rebalance/policy answered no policy");
        policy["dryRun"] = !options.Rebalance;
        if (options.Mode == Engines.ReplayModes.Timeline && options.Speed > 1)
        {
            // The policy's waits are meant in the fleet's time; a timeline runs it --speed times faster than the wall.
            foreach (var (field, least) in ScaledFields)
            {
                if (policy[field] is JsonValue v && v.TryGetValue<double>(out var seconds))
                {
                    policy[field] = Math.Max(least, (int)Math.Round(seconds / options.Speed));
                }
            }

            // A cap per interval is a rate as well: each interval covers --speed times more of the fleet's time.
            if (policy["maxMovesPerInterval"] is JsonValue cap && cap.TryGetValue<int>(out var moves))
            {
                policy["maxMovesPerInterval"] = Math.Min(MaxMovesPerInterval, (int)Math.Round(moves * options.Speed));
            }
        }

        var map = policy["tenantDataCenters"] as JsonObject ?? [];
        foreach (var tenant in tenants.Tenants.Where(t => t.DataCenters.Count > 0))
        {
            map[tenant.Name] = new JsonArray([.. tenant.DataCenters.Select(dc => (JsonNode)dc)]);
        }

        policy["tenantDataCenters"] = map.DeepClone();
        await silo.RequireAsync(HttpMethod.Put, "/api/v1/rebalance/policy", policy, ct).ConfigureAwait(false);
    }

    // The policy validator's upper bound for maxMovesPerInterval.
    private const int MaxMovesPerInterval = 10_000;

    private static readonly (string Field, int Least)[] ScaledFields =
        [("pairCooldownSeconds", 0), ("jobCooldownSeconds", 0), ("undrainAfterSeconds", 0), ("evacuateMinJobAgeSeconds", 0), ("turnedAwayWindowSeconds", 1), ("breakerWindowSeconds", 10)];

    // Until every node of the fleet reports and none of its data centers is closed: a data center seen while its nodes
    // were still registering may have been judged dark (weight 0), and a run that started then would find it closed.
    private async Task WaitReportingAsync(SiloClient silo, ReplayFleet fleet, CancellationToken ct)
    {
        var expected = fleet.Nodes.GroupBy(n => n.DataCenter).ToDictionary(g => g.Key, g => g.Count());
        var started = time.GetTimestamp();
        while (true)
        {
            var answer = await silo.RequireAsync(HttpMethod.Get, "/api/v1/datacenters", null, ct).ConfigureAwait(false);
            int seen = 0, offline = 0;
            var closed = new List<string>();
            foreach (var dc in answer as JsonArray ?? [])
            {
                if (dc?["id"]?.GetValue<string>() is { } id && expected.ContainsKey(id))
                {
                    seen += dc["nodes"]?.GetValue<int>() ?? 0;
                    offline += dc["gpusByHealth"]?["offline"]?.GetValue<int>() ?? 0;
                    if (dc["admissionWeight"]?.GetValue<double>() is <= 0)
                    {
                        closed.Add(id);
                    }
                }
            }

            if (seen >= fleet.Nodes.Count && offline == 0 && closed.Count == 0)
            {
                return;
            }

            var state = $"{seen} of {fleet.Nodes.Count} nodes, {offline} GPUs offline{(closed.Count == 0 ? "" : $", {string.Join(", ", closed)} closed")}";
            if (time.GetElapsedTime(started) > ReportingDeadline)
            {
                throw new SiloUnreachableException($"the fleet was not reporting whole after {ReportingDeadline.TotalSeconds:F0} s: {state}");
            }

            progress($"waiting for the fleet to report: {state}");
            await Task.Delay(TimeSpan.FromSeconds(1), time, ct).ConfigureAwait(false);
        }
    }
}
