using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Telemetry.Exporter.Simulation.Scenarios;
using Xunit.Abstractions;

namespace Telemetry.Silo.Tests.Scenarios;

/// <summary>
/// Each scenario (docs/rebalancing.md) through the real simulator against a real silo, with the decisions it must
/// bring. One at a time: each runs a 60-node fleet.
/// </summary>
[Collection(ScenarioCollection.Name)]
public sealed class ScenarioSiloTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Steady_EqualLoadEverywhere_DecidesNothing()
    {
        await using var run = await ScenarioSilo.StartAsync(ScenarioKind.Steady);
        await Eventually.GetAsync(() => run.WeightAsync("dc3").ContinueWith(_ => true), ok => ok, TimeSpan.FromSeconds(20), "dc3 to report");

        // Fifteen rebalancing intervals over a settled fleet.
        var until = DateTimeOffset.UtcNow.AddSeconds(15);
        await Eventually.GetAsync(() => Task.FromResult(DateTimeOffset.UtcNow), now => now >= until, TimeSpan.FromSeconds(20), "fifteen intervals");

        var decisions = await run.DecisionsAsync();
        output.WriteLine(decisions.Describe());
        Assert.Empty(decisions);
        Assert.All(ScenarioSilo.DataCenters, dc => Assert.Equal(1, run.WeightAsync(dc).Result));
    }

    [Fact]
    public async Task Hotspot_FullDataCenter_ShiftsAway_AndMigratesJobsOnlyOnceItTurnsAwayWorkBoundToIt()
    {
        await using var run = await ScenarioSilo.StartAsync(ScenarioKind.Hotspot, """{"tenantDataCenters":{"uni-a":["dc1"]}}""");

        var decisions = await run.WaitForDecisionsAsync(d => d.OfKind("shift").Any(s => s.Text("from") == "dc1"), "a shift away from dc1");
        output.WriteLine(decisions.Describe());

        var shift = decisions.OfKind("shift").First(s => s.Text("from") == "dc1");
        Assert.Contains("dc1 is hot", shift.Text("reason"));
        Assert.Equal(0.25, shift.GetProperty("admissionWeight").GetDouble());
        var dc1 = shift.GetProperty("dataCenters").EnumerateArray().Single(x => x.Text("id") == "dc1");
        Assert.Equal((1.0, 0.25), (dc1.GetProperty("weightBefore").GetDouble(), dc1.GetProperty("weightAfter").GetDouble()));
        Assert.Equal(3, shift.GetProperty("dataCenters").GetArrayLength());

        // Work that may run anywhere goes to dc2 or dc3 by itself: moving dc1's running jobs would only restart them.
        Assert.Empty(decisions.OfKind("migrate"));

        // A tenant bound to dc1 finds no room there: now moving work out of dc1 makes room for work that has nowhere else to go.
        var refused = await run.Http.PostAsJsonAsync("/api/v1/placement", new { gpus = 8, tenant = "uni-a", singleNode = true });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        decisions = await run.WaitForDecisionsAsync(d => d.OfKind("migrate").Length > 0, "a migration out of dc1");
        output.WriteLine(decisions.Describe());

        var migrate = decisions.OfKind("migrate")[0];
        Assert.Equal("dc1", migrate.Text("from"));
        Assert.Contains(migrate.Text("to"), new[] { "dc2", "dc3" });
        Assert.StartsWith("job-", migrate.Text("jobId"));
        Assert.Equal(migrate.Text("jobId"), migrate.GetProperty("jobs")[0].Text("jobId"));
        Assert.Contains("hot", migrate.Text("reason"));
        Assert.DoesNotContain(decisions, d => d.Kind() == "shift" && d.Text("from") is "dc2" or "dc3");
    }

    [Fact]
    public async Task Thermal_DegradedDataCenter_ShiftsForDegradedAndMigratesWithoutDraining()
    {
        await using var run = await ScenarioSilo.StartAsync(ScenarioKind.Thermal);

        var decisions = await run.WaitForDecisionsAsync(
            d => d.OfKind("shift").Any(s => s.Text("from") == "dc1") && d.OfKind("migrate").Length > 0, "a shift away from dc1 and a migration");
        output.WriteLine(decisions.Describe());

        var shift = decisions.OfKind("shift").First(s => s.Text("from") == "dc1");
        Assert.Contains("dc1 is degraded", shift.Text("reason"));
        Assert.True(shift.GetProperty("signals").GetProperty("degradedShare").GetDouble() >= 0.2);
        Assert.All(decisions.OfKind("migrate"), m => Assert.Contains("degraded", m.Text("reason")));
        Assert.Empty(decisions.OfKind("drain"));
    }

    [Fact]
    public async Task XidStorm_DrainsUntilTheBreakerTrips_AndAlerts()
    {
        // The scenario's jobs have run seconds when the storm strikes, far less than evacuateMinJobAgeSeconds: every one
        // of them counts here, as jobs that had run long would.
        await using var run = await ScenarioSilo.StartAsync(ScenarioKind.XidStorm, """{"evacuateMinJobAgeSeconds":0}""");

        var alerts = await Eventually.GetAsync(run.AlertsAsync, a => a.Any(x => x.Text("kind") == "breaker"), TimeSpan.FromSeconds(40), "a breaker alert");
        var decisions = await run.DecisionsAsync();
        output.WriteLine(decisions.Describe());

        var breaker = alerts.First(x => x.Text("kind") == "breaker");
        Assert.Equal("dc1", breaker.Text("dataCenter"));
        Assert.True(breaker.GetProperty("active").GetBoolean());
        var drains = decisions.OfKind("drain");
        Assert.NotEmpty(drains);

        // The storm strikes 12 of dc1's 20 nodes; the breaker opens at 10, so some struck nodes are never drained.
        Assert.InRange(drains.Length, 1, 11);
        Assert.All(drains, d => Assert.StartsWith("dc1/", d.Text("node")));
        Assert.All(drains, d => Assert.Contains("unhealthy GPU", d.Text("reason")));
        Assert.Contains(drains, d => d.GetProperty("jobs").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Oscillating_LoadAroundTheThreshold_ShiftsOnceAndIsRestoredWhenItSettles()
    {
        await using var run = await ScenarioSilo.StartAsync(ScenarioKind.Oscillating);

        // Three swings of 12 s from the event at 6 s, then the load settles and dc1 gets its weight back.
        var settled = run.EventAt + (Scenario.Swings * Scenario.SwingPeriod / ScenarioSilo.Speed);
        var decisions = await run.WaitForDecisionsAsync(
            d => DateTimeOffset.UtcNow > settled && d.OfKind("shift").Any(s => s.Text("to") == "dc1" && s.Text("from") is null), "dc1 restored after the swings", seconds: 70);
        output.WriteLine(decisions.Describe());
        Assert.DoesNotContain(decisions.OfKind("shift"), s => s.Text("from") is "dc2" or "dc3");

        var shifts = decisions.OfKind("shift");
        Assert.Equal(2, shifts.Length);
        Assert.Equal(("dc1", 0.25), (shifts[0].Text("from"), shifts[0].GetProperty("admissionWeight").GetDouble()));
        Assert.Equal(1, shifts[1].GetProperty("admissionWeight").GetDouble());
        Assert.All(ScenarioSilo.DataCenters, dc => Assert.Equal(1, run.WeightAsync(dc).Result));
    }

    [Fact]
    public async Task DcOutage_SilentExporters_DataCenterGoesDarkWithinTheOfflineWindow()
    {
        await using var run = await ScenarioSilo.StartAsync(ScenarioKind.DcOutage);

        var decisions = await run.WaitForDecisionsAsync(d => d.OfKind("shift").Any(s => s.Text("from") == "dc1"), "dc1 turned to weight 0");
        var seenAfter = DateTimeOffset.UtcNow - run.EventAt;
        output.WriteLine($"dark seen {seenAfter.TotalSeconds:F1} s after the exporters stopped");
        output.WriteLine(decisions.Describe());

        var shift = decisions.OfKind("shift").Single(s => s.Text("from") == "dc1");
        Assert.Equal(0, shift.GetProperty("admissionWeight").GetDouble());
        Assert.Contains("dc1 is dark", shift.Text("reason"));
        Assert.True(shift.GetProperty("signals").GetProperty("reportingShare").GetDouble() < 0.5);
        Assert.Equal(0, await run.WeightAsync("dc1"));
        var alert = (await run.AlertsAsync()).First(a => a.Text("kind") == "dark");
        Assert.Equal("dc1", alert.Text("dataCenter"));
        Assert.True(alert.GetProperty("active").GetBoolean());
        Assert.Empty(decisions.OfKind("drain"));
        Assert.DoesNotContain(decisions, d => d.Kind() == "shift" && d.Text("from") is "dc2" or "dc3");
    }
}
