using Telemetry.Jobs;

namespace Telemetry.Silo.Jobs;

/// <summary><c>GET /api/v1/jobs</c>: one page of the jobs the caller may see, by job id.</summary>
/// <param name="Page">The page, from 1.</param>
/// <param name="PageSize">Jobs a page.</param>
/// <param name="Total">Jobs matching, over all pages.</param>
/// <param name="Jobs">This page's jobs.</param>
public sealed record JobList(int Page, int PageSize, int Total, JobListing[] Jobs);
