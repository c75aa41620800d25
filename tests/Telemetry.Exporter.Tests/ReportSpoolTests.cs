using System.Text;
using Microsoft.Extensions.Time.Testing;
using Telemetry.Exporter.Sending;

namespace Telemetry.Exporter.Tests;

public sealed class ReportSpoolTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeMilliseconds(1_748_865_600_000));

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void TryTake_SeveralNodes_OldestFirstAndOneBodyPerNodeInFlight()
    {
        using var spool = Open();
        Append(spool, "dc1/a", "a1");
        Append(spool, "dc1/b", "b1");
        Append(spool, "dc1/a", "a2");

        Assert.Equal("a1", Take(spool, out var a1));
        Assert.Equal("b1", Take(spool, out var b1));
        Assert.False(spool.TryTake(out _, out _), "a2 must wait until a1 is settled");

        spool.Release(a1);
        Assert.Equal("a1", Take(spool, out a1));
        spool.Complete(a1);
        spool.Complete(b1);
        Assert.Equal("a2", Take(spool, out var a2));
        spool.Complete(a2);
        Assert.False(spool.HasBacklog("dc1/a"));
        Assert.Equal(0, spool.Snapshot().Bodies);
    }

    [Fact]
    public void Snapshot_WithBacklog_ReportsBodiesBytesAndOldest()
    {
        using var spool = Open();
        Append(spool, "dc1/a", "abcd");
        _time.Advance(TimeSpan.FromSeconds(5));
        Append(spool, "dc1/b", "ef");

        var backlog = spool.Snapshot();

        Assert.Equal(2, backlog.Bodies);
        Assert.Equal(6, backlog.Bytes);
        Assert.Equal(_time.GetUtcNow().ToUnixTimeMilliseconds() - 5000, backlog.OldestSpooledAtMs);
        Assert.True(spool.HasBacklog("dc1/a"));
    }

    [Fact]
    public void Append_PastBound_DropsOldestAndCountsThem()
    {
        // 64 KiB bound, 16 KiB segments: 1 KiB bodies, about 15 a segment.
        using var spool = Open(maxBytes: 64 << 10, segmentBytes: 16 << 10);
        var body = new string('x', 1000);
        for (var i = 0; i < 200; i++)
        {
            Append(spool, $"dc1/n{i % 3}", $"{i:D4}{body}");
        }

        var backlog = spool.Snapshot();
        Assert.True(backlog.Dropped > 100, $"dropped {backlog.Dropped}");
        Assert.Equal(200, backlog.Dropped + backlog.Bodies);
        Assert.True(SpoolFileBytes() <= 64 << 10, $"spool files take {SpoolFileBytes()} bytes");

        // What is left is the newest, still oldest-first.
        Assert.StartsWith($"{backlog.Dropped:D4}", Take(spool, out _), StringComparison.Ordinal);
    }

    [Fact]
    public void Open_AfterRestart_ReplaysPendingSegmentsInOrder()
    {
        using (var first = Open(segmentBytes: 4096))
        {
            for (var i = 0; i < 50; i++)
            {
                Append(first, "dc1/a", $"body-{i:D3}-{new string('y', 200)}");
            }

            Assert.Equal("body-000", Take(first, out var taken)[..8]);
            first.Complete(taken);
        }

        // Delivery is not written down: the segment body-000 came from is replayed whole (the server de-duplicates).
        using var second = Open(segmentBytes: 4096);
        Assert.Equal(50, second.Snapshot().Bodies);
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal($"body-{i:D3}", Take(second, out var entry)[..8]);
            second.Complete(entry);
        }

        Assert.Equal(0, second.Snapshot().Bodies);
    }

    [Fact]
    public void Dispose_NothingPending_LeavesNoSegments()
    {
        using (var spool = Open())
        {
            Append(spool, "dc1/a", "one");
            Take(spool, out var entry);
            spool.Complete(entry);
        }

        Assert.Empty(Directory.GetFiles(_dir.Path, "*.spool"));
        using var reopened = Open();
        Assert.Equal(0, reopened.Snapshot().Bodies);
    }

    [Fact]
    public void Open_TornTailRecord_IsCutOffNotReplayed()
    {
        using (var first = Open())
        {
            Append(first, "dc1/a", "whole-1");
            Append(first, "dc1/a", "whole-2");
            Append(first, "dc1/a", "torn-by-a-crash");
        }

        var segment = Directory.GetFiles(_dir.Path, "*.spool").Single();
        var length = new FileInfo(segment).Length;
        using (var file = new FileStream(segment, FileMode.Open))
        {
            file.SetLength(length - 5);
        }

        using var second = Open();
        Assert.Equal(1, second.TornRecords);
        Assert.Equal("whole-1", Take(second, out var one));
        second.Complete(one);
        Assert.Equal("whole-2", Take(second, out var two));
        second.Complete(two);
        Assert.False(second.TryTake(out _, out _));
    }

    [Fact]
    public void Open_CorruptedRecord_IsDetectedByCrc()
    {
        using (var first = Open())
        {
            Append(first, "dc1/a", "good");
            Append(first, "dc1/a", "flipped");
        }

        var segment = Directory.GetFiles(_dir.Path, "*.spool").Single();
        var bytes = File.ReadAllBytes(segment);
        bytes[^2] ^= 0xff;
        File.WriteAllBytes(segment, bytes);

        using var second = Open();
        Assert.Equal(1, second.Snapshot().Bodies);
        Assert.Equal("good", Take(second, out _));
    }

    [Fact]
    public void Open_DirectoryInUse_Throws()
    {
        using var first = Open();

        var error = Assert.Throws<IOException>(() => Open());

        Assert.Contains("in use", error.Message, StringComparison.Ordinal);
    }

    private ReportSpool Open(long maxBytes = ReportSpoolOptions.DefaultMaxBytes, long segmentBytes = ReportSpoolOptions.DefaultSegmentBytes) =>
        ReportSpool.Open(new ReportSpoolOptions(_dir.Path, maxBytes, segmentBytes), _time);

    private static void Append(ReportSpool spool, string node, string body) =>
        spool.Append(node, Encoding.UTF8.GetBytes(body), gzip: false, samples: 1);

    private static string Take(ReportSpool spool, out SpoolEntry entry)
    {
        Assert.True(spool.TryTake(out entry, out var body));
        return Encoding.UTF8.GetString(body);
    }

    private long SpoolFileBytes() => Directory.GetFiles(_dir.Path, "*.spool").Sum(f => new FileInfo(f).Length);
}
