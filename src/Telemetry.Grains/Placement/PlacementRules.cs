using System.Globalization;
using Telemetry.Placement;
using Telemetry.Rebalancing;

namespace Telemetry.Grains.Placement;

/// <summary>
/// The decisions of a placement that need no grain: is the request possible at all, which data centers may
/// it use, and what do the data centers' answers add up to (candidates ranked, or what is short).
/// </summary>
public static class PlacementRules
{
    public const int DefaultCandidates = 3;
    public const int MaxCandidates = 20;
    public const int MaxReserveSeconds = 3600;

    /// <summary>Most GPUs one job may ask for; larger asks are a mistake, not a job.</summary>
    public const int MaxGpus = 65_536;

    /// <summary>Longest job id or tenant name.</summary>
    public const int MaxNameLength = 256;

    /// <summary>Why no fleet could meet <paramref name="request"/>; null when it is well formed.</summary>
    public static string? Impossible(PlacementRequest request) => request switch
    {
        { Gpus: < 1 or > MaxGpus } => $"gpus must be 1–{MaxGpus}; got {request.Gpus}.",
        { Candidates: < 1 or > MaxCandidates } => $"candidates must be 1–{MaxCandidates}; got {request.Candidates}.",
        { ReserveSeconds: < 0 or > MaxReserveSeconds } => $"reserveSeconds must be 0–{MaxReserveSeconds}; got {request.ReserveSeconds}.",
        { MinFreeMemoryMib: < 0 } or { MinFreeMemoryMib: double.NaN } => $"minFreeMemoryMib must be 0 or more; got {request.MinFreeMemoryMib}.",
        { JobId.Length: > MaxNameLength } or { Tenant.Length: > MaxNameLength } => $"jobId and tenant are at most {MaxNameLength} characters.",
        { Model: "" } => "model must name a GPU model (e.g. \"NVIDIA B200\") or be left out.",
        { GpuMilli: < GpuShares.MinShare or > GpuShares.MaxShare } =>
            $"gpuMilli must be {GpuShares.MinShare}–{GpuShares.MaxShare} (thousandths of one GPU; leave it out for whole GPUs); got {request.GpuMilli}.",
        { GpuMilli: not null, Gpus: not 1 } => $"gpuMilli asks for a share of one GPU, so gpus must be 1; got {request.Gpus}.",
        { GpuMilli: not null, SingleNode: false } => "gpuMilli asks for a share of one GPU on one node; singleNode must be true or left out.",
        _ => null,
    };

    /// <summary>The data centers the request may use, or a refusal naming what rules them out.</summary>
    public static (string[] DataCenters, PlacementRefusal? Refusal) DataCenters(PlacementRequest request, string[] known, RebalancePolicy policy)
    {
        if (request.DataCenters is { } asked)
        {
            var unknown = asked.Where(d => !known.Contains(d, StringComparer.Ordinal)).ToArray();
            if (unknown.Length > 0)
            {
                return ([], PlacementRefusal.Never($"Unknown data center(s) {string.Join(", ", unknown)}; known: {string.Join(", ", known)}."));
            }
        }

        var allowed = (request.DataCenters ?? known).Where(d => policy.Allows(request.Tenant, d)).Distinct(StringComparer.Ordinal).ToArray();
        if (allowed.Length == 0)
        {
            return request.Tenant is { } tenant && policy.TenantDataCenters.TryGetValue(tenant, out var mine)
                ? ([], PlacementRefusal.Never($"Tenant '{tenant}' may run only in {string.Join(", ", mine)} (rebalancing policy); none of those is among the data centers asked for or reporting."))
                : ([], PlacementRefusal.NotNow("No data center has reported yet."));
        }

        return (allowed, null);
    }

    /// <summary>The ranked answer from each data center's match, or why there is none.</summary>
    public static PlacementAnswer Rank(PlacementRequest request, bool singleNode, IReadOnlyList<(string DataCenter, DataCenterMatch Match)> matches)
    {
        var wanted = request.Candidates ?? DefaultCandidates;
        var candidates = matches.SelectMany(m => m.Match.Candidates)
            .OrderByDescending(c => c.Score).ThenBy(c => c.DataCenter, StringComparer.Ordinal).Take(wanted).ToArray();
        if (candidates.Length > 0)
        {
            return new PlacementAnswer { Candidates = candidates };
        }

        var models = matches.SelectMany(m => m.Match.Models).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        if (request.Model is { } model && !models.Contains(model, StringComparer.OrdinalIgnoreCase))
        {
            return Refuse(PlacementRefusal.Never($"No node in {Names(matches)} has GPU model '{model}'; models there: {string.Join(", ", models)}."));
        }

        var largest = matches.Count == 0 ? 0 : matches.Max(m => m.Match.LargestNode);
        if (singleNode && request.Gpus > largest)
        {
            return Refuse(PlacementRefusal.Never($"No node in {Names(matches)} has {request.Gpus} GPUs (the largest has {largest}); ask with singleNode false to spread the job over nodes of one data center."));
        }

        if (!singleNode && matches.Count > 0 && matches.MaxBy(m => m.Match.Capacity) is var (most, biggest) && request.Gpus > biggest.Capacity)
        {
            var ofWhat = request.Model is not null ? $" of model {request.Model}" : request.AllowMixedModels ? "" : " of one model (allowMixedModels lets a job mix them)";
            return Refuse(PlacementRefusal.Never($"No data center of {Names(matches)} has {request.Gpus} GPUs{ofWhat}; the most is {biggest.Capacity} in {most}."));
        }

        if (request.MinFreeMemoryMib > 0 && matches.Select(m => m.Match.LargestMemoryMib).Where(m => m is not null).DefaultIfEmpty().Max() is { } memory
            && request.MinFreeMemoryMib > memory)
        {
            return Refuse(PlacementRefusal.Never(string.Create(CultureInfo.InvariantCulture,
                $"minFreeMemoryMib {request.MinFreeMemoryMib} is more than any GPU{(request.Model is null ? "" : $" of model {request.Model}")} in {Names(matches)} has ({memory} MiB at most).")));
        }

        return Refuse(PlacementRefusal.NotNow(Shortage(request, singleNode, matches)));
    }

    private static string Shortage(PlacementRequest request, bool singleNode, IReadOnlyList<(string DataCenter, DataCenterMatch Match)> matches)
    {
        var what = string.Create(CultureInfo.InvariantCulture,
            $"{(request.GpuMilli is { } milli ? $"{milli}/1000 of a GPU free (on a shared GPU, or a whole free one)" : $"{request.Gpus} free GPU(s)")}{(request.Model is null ? "" : $" of model {request.Model}")}{(request.MinFreeMemoryMib > 0 ? $" with ≥ {request.MinFreeMemoryMib} MiB free" : "")}");
        var have = string.Join("; ", matches.Select(m => $"{m.DataCenter}: {m.Match.EligibleFreeGpus} free, at most {m.Match.MostFreeOnOneNode} on one node"));
        return singleNode
            ? $"Nothing fits: no node has {what}. Free on healthy, undrained, unreserved nodes — {have}."
            : $"Nothing fits: no data center has {what} across its nodes. Free on healthy, undrained, unreserved nodes — {have}.";
    }

    private static string Names(IReadOnlyList<(string DataCenter, DataCenterMatch Match)> matches) => string.Join(", ", matches.Select(m => m.DataCenter));

    private static PlacementAnswer Refuse(PlacementRefusal refusal) => new() { Refusal = refusal };
}
