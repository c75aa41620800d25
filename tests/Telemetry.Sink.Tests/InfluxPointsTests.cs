using Telemetry.Fields;
using Telemetry.Grains.Events;
using Telemetry.Health;
using Telemetry.Silo.Sink;
using Telemetry.State;

namespace Telemetry.Sink.Tests;

public class InfluxPointsTests
{
    [Fact]
    public void Gpu_Rollup_HasFourTagsAndMeanMaxOfEveryMeasuredFieldAndJobAsField()
    {
        var rollup = TestRollups.For(gpu: 3, bucket: 2);
        var line = InfluxPoints.Gpu(rollup)!;

        var (measurement, tags, fields, timestamp) = ParsedLine.Parse(line);
        Assert.Equal(InfluxSchema.GpuMeasurement, measurement);
        Assert.Equal(new Dictionary<string, string>
        {
            [InfluxSchema.DataCenterTag] = rollup.DataCenter,
            [InfluxSchema.NodeTag] = rollup.Node,
            [InfluxSchema.GpuTag] = rollup.Uuid,
            [InfluxSchema.ModelTag] = "NVIDIA H200",
        }, tags);
        Assert.Equal(rollup.BucketStartMs * 1_000_000, timestamp);
        foreach (var field in FieldCatalog.All.Where(f => f.Id != FieldCatalog.RowRemapFailure))
        {
            Assert.Equal(rollup.Means[field.Column].ToString("R", System.Globalization.CultureInfo.InvariantCulture), fields[InfluxSchema.Mean(field)]);
            Assert.Equal(rollup.Maxes[field.Column].ToString("R", System.Globalization.CultureInfo.InvariantCulture), fields[InfluxSchema.Max(field)]);
        }

        Assert.DoesNotContain("row_remap_failure_mean", fields.Keys);
        Assert.Equal($"\"{rollup.JobId}\"", fields[InfluxSchema.JobIdField]);
        Assert.Equal("10i", fields[InfluxSchema.SamplesField]);
        Assert.All(fields.Keys, f => Assert.Contains(f, InfluxSchema.Gpu.Fields));
    }

    [Fact]
    public void HealthEvent_Change_CarriesReasonsActionsAndLevel()
    {
        var line = InfluxPoints.HealthEvent(new HealthChange
        {
            At = DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_123),
            Subject = HealthSubject.Gpu,
            Id = "GPU-1",
            Node = "dc1/node-0001",
            DataCenter = "dc1",
            From = HealthState.Healthy,
            To = new HealthVerdict
            {
                State = HealthState.Unhealthy,
                Reasons = ["XID 79: GPU has fallen off the bus", "ECC double-bit error"],
                RecommendedActions = ["drain the node", "reset the GPU"],
                Since = DateTimeOffset.UnixEpoch,
            },
        })!;

        var (measurement, tags, fields, timestamp) = ParsedLine.Parse(line);
        Assert.Equal(InfluxSchema.HealthEventMeasurement, measurement);
        Assert.Equal(["datacenter", "id", "node", "subject"], tags.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("\"healthy\"", fields["from"]);
        Assert.Equal("\"unhealthy\"", fields["to"]);
        Assert.Equal("2i", fields["health_level"]);
        Assert.Equal("\"XID 79: GPU has fallen off the bus; ECC double-bit error\"", fields["reasons"]);
        Assert.Equal("\"drain the node; reset the GPU\"", fields["actions"]);
        Assert.Equal(1_800_000_000_123_000_000, timestamp);
    }

    [Fact]
    public void Alert_RaisedThenResolved_WritesTheAlertMeasurementWithItsDataCenterAndKind()
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000);
        var raised = ParsedLine.Parse(InfluxPoints.Alert(new Rebalancing.RebalanceAlert(at, "dc1", "dark", "Only 0 % of dc1's nodes report", true))!);
        var resolved = ParsedLine.Parse(InfluxPoints.Alert(new Rebalancing.RebalanceAlert(at.AddMinutes(1), "dc1", "dark", "dc1 reports again", false))!);

        Assert.Equal(InfluxSchema.AlertMeasurement, raised.Measurement);
        Assert.Equal(("dc1", "dark"), (raised.Tags["datacenter"], raised.Tags["kind"]));
        Assert.Equal(("true", "false"), (raised.Fields["active"], resolved.Fields["active"]));
        Assert.Contains("nodes report", raised.Fields["detail"], StringComparison.Ordinal);
        Assert.All(raised.Fields.Keys, f => Assert.Contains(f, InfluxSchema.Alert.Fields));
        Assert.Equal(at.ToUnixTimeMilliseconds(), raised.Timestamp / 1_000_000);
    }

    [Fact]
    public void Decision_SameMillisecond_DistinctTimestampsAndAllFields()
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000);
        var migrate = new RebalancingDecisionPoint("d-1", at, "migrate", "dc1", "dc2", null, "job-7", 8, "dc1 over 90 % utilization", "applied");
        var first = ParsedLine.Parse(InfluxPoints.Decision(migrate, 1)!);
        var second = ParsedLine.Parse(InfluxPoints.Decision(migrate with { Id = "d-2" }, 2)!);

        Assert.Equal(InfluxSchema.DecisionMeasurement, first.Measurement);
        Assert.Equal("migrate", first.Tags["kind"]);
        Assert.NotEqual(first.Timestamp, second.Timestamp);
        Assert.Equal(at.ToUnixTimeMilliseconds(), first.Timestamp / 1_000_000);
        Assert.Equal(["from", "gpus", "id", "job_id", "reason", "status", "to"], first.Fields.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("8i", first.Fields["gpus"]);
        Assert.All(first.Fields.Keys, f => Assert.Contains(f, InfluxSchema.Decision.Fields));
    }

    [Fact]
    public void Node_Summary_TaggedByDataCenterAndNodeWithCountsUtilizationAndPower()
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000);
        var line = InfluxPoints.Node(new NodeSummary
        {
            NodeId = "dc2/node-0007",
            Health = HealthState.Degraded,
            GpusByHealth = new HealthCounts(6, 1, 1, 0),
            FreeGpus = 3,
            Drained = true,
            GpuUtilPct = [10, 20, 30, 40, 50, 60, 70, 80],
            PowerW = 5600.5,
            SharedGpus = [new SharedGpu("GPU-a", 750, Open: true), new SharedGpu("GPU-b", 1000, Open: false)],
        }, at)!;

        var parsed = ParsedLine.Parse(line);
        Assert.Equal(new Dictionary<string, string> { ["datacenter"] = "dc2", ["node"] = "dc2/node-0007" }, parsed.Tags);
        Assert.Equal("2i", parsed.Fields["shared_gpus"]);
        Assert.Equal("1750i", parsed.Fields["shared_milli"]);
        Assert.Equal("\"degraded\"", parsed.Fields["health"]);
        Assert.Equal("1i", parsed.Fields["health_level"]);
        Assert.Equal("8i", parsed.Fields["gpus"]);
        Assert.Equal("1i", parsed.Fields["unhealthy"]);
        Assert.Equal("3i", parsed.Fields["free_gpus"]);
        Assert.Equal("true", parsed.Fields["drained"]);
        Assert.Equal("45", parsed.Fields["util_mean"]);
        Assert.Equal("5600.5", parsed.Fields["power_w"]);
        Assert.Equal(InfluxSchema.Node.Fields.Order(StringComparer.Ordinal), parsed.Fields.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void DataCenter_Summary_HasEveryFieldOfTheSchema()
    {
        var line = InfluxPoints.DataCenter(new DataCenterSummary
        {
            Id = "dc1",
            Nodes = 100,
            Gpus = 800,
            GpusByHealth = new HealthCounts(790, 5, 3, 2),
            FreeGpus = 120,
            Utilization = new UtilizationSummary(61.5, 97),
            PowerW = 480_000,
            AdmissionWeight = 0.5,
        }, DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000))!;

        var parsed = ParsedLine.Parse(line);
        Assert.Equal("dc1", Assert.Single(parsed.Tags).Value);
        Assert.Equal(InfluxSchema.DataCenter.Fields.Order(StringComparer.Ordinal), parsed.Fields.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("0.5", parsed.Fields["admission_weight"]);
        Assert.Equal("97", parsed.Fields["util_p95"]);
    }
}
