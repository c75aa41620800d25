using System.Buffers;
using Telemetry.Wire;

namespace Telemetry.Abstractions.Tests.Wire;

/// <summary>Decodes a body against <see cref="RawReport.Now"/> and asserts the outcome.</summary>
internal static class WireAssert
{
    public static List<NodeReport> Accepted(byte[] body, WireLimits? limits = null) =>
        Accepted(new ReadOnlySequence<byte>(body), limits);

    public static List<NodeReport> Accepted(ReadOnlySequence<byte> body, WireLimits? limits = null)
    {
        var ok = NodeReportReader.TryReadAll(body, limits ?? new WireLimits(), RawReport.Now, out var reports, out var error);
        Assert.True(ok, error?.ToString());
        Assert.Null(error);
        return reports;
    }

    public static WireError Rejected(byte[] body, string code, int reportIndex = 0, WireLimits? limits = null) =>
        Rejected(new ReadOnlySequence<byte>(body), code, reportIndex, limits);

    public static WireError Rejected(ReadOnlySequence<byte> body, string code, int reportIndex = 0, WireLimits? limits = null)
    {
        var ok = NodeReportReader.TryReadAll(body, limits ?? new WireLimits(), RawReport.Now, out var reports, out var error);
        Assert.False(ok);
        Assert.Empty(reports);
        Assert.NotNull(error);
        Assert.True(code == error.Code, $"expected {code}, got {error}");
        Assert.Equal(reportIndex, error.ReportIndex);
        if (reportIndex >= 0)
        {
            Assert.StartsWith($"Report {reportIndex}", error.Detail, StringComparison.Ordinal);
        }

        return error;
    }
}
