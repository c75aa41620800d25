using Telemetry.Exporter.Sources;

namespace Telemetry.Exporter.Tests.Running;

/// <summary>A source that gives whatever the test sets, and fails a read when told to.</summary>
internal sealed class FakeSource : IGpuSource
{
    public volatile IReadOnlyList<GpuReading> Readings = [];

    public volatile string? Failure;

    public int Reads;

    public string Description => "fake";

    public Task StartAsync(CancellationToken ct) => Task.CompletedTask;

    public Task<IReadOnlyList<GpuReading>> ReadAsync(CancellationToken ct)
    {
        Interlocked.Increment(ref Reads);
        return Failure is { } failure ? throw new GpuSourceException(failure) : Task.FromResult(Readings);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
