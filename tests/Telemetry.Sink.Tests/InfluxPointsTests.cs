using Telemetry.Fields;
using Telemetry.Grains.Events;
using Telemetry.Health;
using Telemetry.Silo.Sink;

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
}
