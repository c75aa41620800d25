using System.Security.Claims;
using Telemetry.Grains;
using Telemetry.Jobs;
using Telemetry.Silo.Api;
using Telemetry.Silo.Auth;

namespace Telemetry.Silo.Jobs;

/// <summary>
/// Jobs and their stragglers (API.md, "Jobs"). A tenant-scoped key sees only its tenant's jobs; any other job
/// answers 404 exactly as if it did not exist.
/// </summary>
public static class JobEndpoints
{
    /// <summary>Longest job id the API looks up: 256, the wire format's default limit on a job id.</summary>
    public const int MaxJobIdLength = 256;

    public static RouteGroupBuilder MapJobEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/jobs/{jobId}", GetJobAsync).WithName("GetJob").WithSummary("A job's GPUs side by side, its stragglers and its medians")
            .Produces<JobSnapshot>().ProducesProblem(400).ProducesProblem(404);
        api.MapGet("/jobs", ListJobsAsync).WithName("GetJobs").WithSummary("Running jobs, by data center, optionally only those with stragglers")
            .Produces<JobList>().ProducesProblem(400).ProducesProblem(404);
        return api;
    }

    private static async Task<IResult> GetJobAsync(string jobId, IGrainFactory grains, ClaimsPrincipal user)
    {
        if (jobId.Length > MaxJobIdLength)
        {
            return ApiProblems.BadRequest($"A job id is at most {MaxJobIdLength} characters.");
        }

        var snapshot = await grains.GetGrain<IJobGrain>(jobId).GetSnapshotAsync();
        return snapshot is null || !Visible(user, snapshot.Tenant)
            ? ApiProblems.NotFound($"Job '{jobId}' has no GPU reporting to this cluster.")
            : TypedResults.Ok(snapshot);
    }

    private static async Task<IResult> ListJobsAsync(
        string? dataCenter, bool? straggling, int? page, int? pageSize, IGrainFactory grains, ClaimsPrincipal user, DataCenterAccess access, CancellationToken ct)
    {
        var number = page ?? 1;
        var size = pageSize ?? StateEndpoints.DefaultPageSize;
        if (number < 1 || size is < 1 or > StateEndpoints.MaxPageSize)
        {
            return ApiProblems.BadRequest($"page must be ≥ 1 and pageSize 1–{StateEndpoints.MaxPageSize}; got page={number}, pageSize={size}.");
        }

        var known = (await access.ForAsync(user, ct)).Filter(await grains.GetGrain<IFleetGrain>(IFleetGrain.Key).GetDataCentersAsync());
        if (dataCenter is not null && !known.Contains(dataCenter, StringComparer.Ordinal))
        {
            return ApiProblems.NotFound($"Data center '{dataCenter}' has no reporting nodes. Known: {string.Join(", ", known)}.");
        }

        var indexes = await Task.WhenAll((dataCenter is null ? known : [dataCenter]).Select(dc => grains.GetGrain<IJobIndexGrain>(dc).ListAsync()));

        // A job in two data centers is listed by both: keep its newest listing.
        var jobs = indexes.SelectMany(j => j)
            .GroupBy(j => j.JobId, StringComparer.Ordinal)
            .Select(g => g.MaxBy(j => j.UpdatedAt)!)
            .Where(j => Visible(user, j.Tenant) && (straggling != true || j.Stragglers.Length > 0))
            .OrderBy(j => j.JobId, StringComparer.Ordinal)
            .ToArray();
        return TypedResults.Ok(new JobList(number, size, jobs.Length, [.. jobs.Skip((number - 1) * size).Take(size)]));
    }

    // A key without a tenant sees every job; a tenant's key only the jobs placement recorded for its tenant.
    private static bool Visible(ClaimsPrincipal user, string? tenant) =>
        ApiCaller.From(user) is { } caller && (caller.Tenant is null || string.Equals(caller.Tenant, tenant, StringComparison.Ordinal));
}
