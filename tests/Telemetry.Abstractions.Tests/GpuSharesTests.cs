using Telemetry.Placement;

namespace Telemetry.Abstractions.Tests;

public class GpuSharesTests
{
    public static TheoryData<string?, string[]> JobIds => new()
    {
        { null, [] },
        { "", [] },
        { "  ", [] },
        { ",", [] },
        { "job-1", ["job-1"] },
        { " job-1", ["job-1"] },
        { "job-1 ", ["job-1"] },
        { "job-1,job-2", ["job-1", "job-2"] },
        { " job-1 , job-2 ,", ["job-1", "job-2"] },
        { "job-1,", ["job-1"] },
    };

    [Theory]
    [MemberData(nameof(JobIds))]
    public void JobsOf_OneOrSeveralJobIds_AreTrimmedAndEmptyOnesDropped(string? jobId, string[] expected) =>
        Assert.Equal(expected, GpuShares.JobsOf(jobId));
}
