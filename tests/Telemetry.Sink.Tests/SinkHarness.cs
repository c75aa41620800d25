using Microsoft.Extensions.Logging.Abstractions;
using Telemetry.Exporter.Sending;
using Telemetry.Silo.Sink;

namespace Telemetry.Sink.Tests;

/// <summary>An <see cref="InfluxSink"/> and its <see cref="SinkWriter"/> over a given batch writer and a spool in a temporary folder.</summary>
internal sealed class SinkHarness : IAsyncDisposable
{
    private readonly TempDirectory _spoolDirectory = new();

    public SinkHarness(IBatchWriter writer, InfluxOptions options)
    {
        Options = options;
        Sink = new InfluxSink(options, Metrics, NullLogger<InfluxSink>.Instance);
        Spool = ReportSpool.Open(new ReportSpoolOptions(_spoolDirectory.Path, (long)options.SpoolMaxMiB << 20, SegmentBytes: 64 << 10));
        Writer = new SinkWriter(Sink.Points, writer, Spool, options, Metrics, TimeProvider.System, NullLogger<SinkWriter>.Instance);
    }

    public InfluxOptions Options { get; }

    public SinkMetrics Metrics { get; } = new();

    public InfluxSink Sink { get; }

    internal ReportSpool Spool { get; }

    internal SinkWriter Writer { get; }

    /// <summary>Options fast enough for tests: small batches, short waits.</summary>
    public static InfluxOptions FastOptions(string url = "http://127.0.0.1:1") => new()
    {
        Url = url,
        Org = "telemetry",
        Bucket = "telemetry",
        Token = "test-token",
        BatchSize = 500,
        QueueCapacity = 100_000,
        FlushInterval = TimeSpan.FromMilliseconds(50),
        MaxAttempts = 2,
        RetryDelay = TimeSpan.FromMilliseconds(20),
        MaxRetryDelay = TimeSpan.FromMilliseconds(200),
        WriteTimeout = TimeSpan.FromSeconds(5),
        SpoolMaxMiB = 64,
    };

    public Task StartAsync() => Writer.StartAsync(CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await Writer.StopAsync(CancellationToken.None);
        Writer.Dispose();
        Spool.Dispose();
        _spoolDirectory.Dispose();
    }
}
