using Telemetry.Exporter.Running;
using Telemetry.Exporter.Sending;
using Telemetry.Fields;

namespace Telemetry.Exporter.Tests.Running;

public sealed class NodeExporterTests
{
    [Fact]
    public async Task RunAsync_SendsReportsOfSeveralSamplesPerGpu_InSeqOrderUnderOneBootId()
    {
        await using var sink = new IngestSink();
        using var spool = new TempDirectory();
        var source = new FakeSource { Readings = [ReportBuilderTests.Reading(0, "GPU-a", util: 64)] };
        var log = new StringWriter();

        // With a spool no report time is skipped, however slowly the sink answers on a busy machine. The run is
        // stopped once the sink holds three reports rather than after a fixed time: a busy machine can starve a
        // one-second run's sample loop down to a single report.
        var exporter = new NodeExporter(Settings(sink.Url) with { SpoolDirectory = spool.Path, Duration = TimeSpan.Zero }, source, log);
        var stats = await RunUntil(exporter, () => sink.Reports.Count >= 3);

        var reports = sink.Reports.ToArray();
        Assert.True(reports.Length >= 3, $"only {reports.Length} reports within 30 s; {Cli.StatsFormatter.RunSummary(stats)}");
        // An answer slower than the send timeout on a busy machine brings the same report again (the silo drops the
        // second by its seq): in order, none skipped, at most resent.
        var seqs = reports.Select(r => r.Seq).ToArray();
        var distinct = seqs.Distinct().ToArray();
        Assert.Equal(seqs.Order(), seqs);
        Assert.Equal(Enumerable.Range(1, distinct.Length).Select(i => (ulong)i), distinct);

        // A body can reach the sink while its answer is cut off by the end of the run; it stays spooled, never lost.
        Assert.InRange(stats.ReportsAccepted, distinct.Length - 1, distinct.Length);
        Assert.All(reports, r => Assert.Equal("dc1/gpu-node-7", r.NodeId));
        Assert.Single(reports.Select(r => r.BootId).Distinct());
        Assert.Contains(reports, r => r.Gpus[0].Timestamps.Length >= 2);
        Assert.Equal(64, reports[0].Gpus[0].Values[FieldCatalog.GpuUtilPct - 1]);
        Assert.Equal("", log.ToString());
    }

    [Fact]
    public async Task RunAsync_SourceFails_SaysSoOnceAndCarriesOn()
    {
        await using var sink = new IngestSink();
        var source = new FakeSource { Failure = "dcgm-exporter at http://x cannot be reached" };
        var log = new StringWriter();
        var exporter = new NodeExporter(Settings(sink.Url) with { Duration = TimeSpan.Zero }, source, log);

        var stats = await RunUntil(exporter, () => Volatile.Read(ref source.Reads) >= 3);

        Assert.True(source.Reads >= 3);
        Assert.Equal("run: dcgm-exporter at http://x cannot be reached" + Environment.NewLine, log.ToString());
        Assert.Equal(source.Reads, stats.Errors["source"]);
        Assert.Empty(sink.Reports);
    }

    // Runs the exporter until the condition holds (or 30 s pass), then stops it as Ctrl-C would.
    private static async Task<SendStats> RunUntil(NodeExporter exporter, Func<bool> condition)
    {
        using var stop = new CancellationTokenSource();
        var running = exporter.RunAsync(stop.Token);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition() && !running.IsCompleted && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        await stop.CancelAsync();
        return await running;
    }

    private static ExporterSettings Settings(Uri server) => new()
    {
        Source = new SourceSpec(SourceKind.Nvml),
        Servers = [server],
        NodeId = "dc1/gpu-node-7",
        SampleHz = 10,
        ReportEvery = TimeSpan.FromSeconds(0.3),
        Duration = TimeSpan.FromSeconds(1),
    };
}
