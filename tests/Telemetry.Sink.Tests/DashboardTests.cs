using System.Text.Json;
using Telemetry.Silo.Sink;

namespace Telemetry.Sink.Tests;

/// <summary>The Grafana dashboards in dashboards/: valid JSON whose Flux names only what the sink writes (<see cref="InfluxSchema"/>).</summary>
public class DashboardTests
{
    private const string DatasourceVariable = "${datasource}";
    private static readonly string[] RequiredVariables = ["datasource", "bucket"];

    public static TheoryData<string> Dashboards() => [.. Files()];

    [Theory]
    [MemberData(nameof(Dashboards))]
    public void Dashboard_Parses_HasUidTitlePanelsAndDataSourceAndBucketVariables(string file)
    {
        using var dashboard = Load(file);
        var root = dashboard.RootElement;
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("uid").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("title").GetString()));
        Assert.NotEqual(0, root.GetProperty("panels").GetArrayLength());
        var variables = root.GetProperty("templating").GetProperty("list").EnumerateArray().Select(v => v.GetProperty("name").GetString()).ToList();
        Assert.All(RequiredVariables, v => Assert.Contains(v, variables));
        Assert.Equal("datasource", root.GetProperty("templating").GetProperty("list")[0].GetProperty("type").GetString());
    }

    [Theory]
    [MemberData(nameof(Dashboards))]
    public void Dashboard_EveryPanelAndQuery_UsesTheDataSourceVariable(string file)
    {
        using var dashboard = Load(file);
        foreach (var panel in dashboard.RootElement.GetProperty("panels").EnumerateArray())
        {
            var title = panel.GetProperty("title").GetString();
            Assert.True(DatasourceVariable == panel.GetProperty("datasource").GetProperty("uid").GetString(), $"{file}: panel '{title}'");
            foreach (var target in panel.GetProperty("targets").EnumerateArray())
            {
                Assert.True(DatasourceVariable == target.GetProperty("datasource").GetProperty("uid").GetString(), $"{file}: panel '{title}' query {target.GetProperty("refId")}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Dashboards))]
    public void Dashboard_EveryFluxQuery_NamesOnlyMeasurementsFieldsAndTagsTheSinkWrites(string file)
    {
        using var dashboard = Load(file);
        var queries = Queries(dashboard.RootElement).ToList();
        Assert.NotEmpty(queries);
        var measurements = InfluxSchema.All.ToDictionary(m => m.Name, StringComparer.Ordinal);
        foreach (var (where, flux) in queries)
        {
            var named = FluxQuery.Measurements(flux);
            Assert.True(named.Length > 0, $"{file}: {where} names no measurement:\n{flux}");
            Assert.All(named, m => Assert.True(measurements.ContainsKey(m), $"{file}: {where}: unknown measurement '{m}'"));
            var schemas = named.Select(m => measurements[m]).ToList();
            var fields = schemas.SelectMany(s => s.Fields).ToHashSet(StringComparer.Ordinal);
            var columns = schemas.SelectMany(s => s.Tags).Concat(fields).ToHashSet(StringComparer.Ordinal);

            Assert.All(FluxQuery.Fields(flux), f => Assert.True(fields.Contains(f), $"{file}: {where}: '{f}' is not a field of {string.Join(", ", named)}"));
            Assert.All(FluxQuery.Columns(flux).Where(c => !c.StartsWith('_')), c => Assert.True(columns.Contains(c), $"{file}: {where}: '{c}' is not a tag or field of {string.Join(", ", named)}"));
            Assert.All(FluxQuery.Buckets(flux), b => Assert.True(b == "\"${bucket}\"", $"{file}: {where}: bucket {b} does not come from the bucket variable"));
            if (flux.Contains("from(", StringComparison.Ordinal) || flux.Contains("schema.", StringComparison.Ordinal))
            {
                Assert.NotEmpty(FluxQuery.Buckets(flux));
            }
        }
    }

    [Fact]
    public void Dashboards_TheOnesOperatorsNeed_ArePresentWithUniqueUids()
    {
        var uids = Files().Select(f => Load(f).RootElement.GetProperty("uid").GetString()).ToList();
        Assert.Equal(uids.Count, uids.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(["gpu-datacenter", "gpu-detail", "gpu-fleet-overview", "gpu-node", "gpu-rebalancing"], uids.Order(StringComparer.Ordinal));
    }

    private static IEnumerable<string> Files() => RepositoryFiles.Under("dashboards", "*.json").Select(f => Path.GetFileName(f));

    private static JsonDocument Load(string file) => JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryFiles.Root, "dashboards", file)));

    /// <summary>Every Flux text: panel targets, template variables and annotations.</summary>
    private static IEnumerable<(string Where, string Flux)> Queries(JsonElement root)
    {
        foreach (var panel in root.GetProperty("panels").EnumerateArray())
        {
            foreach (var target in panel.GetProperty("targets").EnumerateArray())
            {
                yield return ($"panel '{panel.GetProperty("title").GetString()}'", target.GetProperty("query").GetString()!);
            }
        }

        foreach (var annotation in root.GetProperty("annotations").GetProperty("list").EnumerateArray().Where(a => a.TryGetProperty("target", out _)))
        {
            yield return ($"annotation '{annotation.GetProperty("name").GetString()}'", annotation.GetProperty("target").GetProperty("query").GetString()!);
        }

        foreach (var variable in root.GetProperty("templating").GetProperty("list").EnumerateArray().Where(v => v.GetProperty("type").GetString() == "query"))
        {
            yield return ($"variable '{variable.GetProperty("name").GetString()}'", variable.GetProperty("query").GetString()!);
        }

        foreach (var annotation in root.GetProperty("annotations").GetProperty("list").EnumerateArray().Where(a => a.TryGetProperty("target", out _)))
        {
            yield return ($"annotation '{annotation.GetProperty("name").GetString()}'", annotation.GetProperty("target").GetProperty("query").GetString()!);
        }
    }
}
