using Telemetry.Exporter.Sources;

namespace Telemetry.Exporter.Tests.Sources;

/// <summary>Reads a source until its readings satisfy a condition, for sources fed by another thread or process.</summary>
internal static class SourcePolling
{
    public static async Task<IReadOnlyList<GpuReading>> ReadUntilAsync(IGpuSource source, Func<IReadOnlyList<GpuReading>, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var readings = await source.ReadAsync(CancellationToken.None);
            if (done(readings))
            {
                return readings;
            }

            Assert.True(DateTime.UtcNow < deadline, "the source never gave the expected readings");
            await Task.Delay(20);
        }
    }
}
