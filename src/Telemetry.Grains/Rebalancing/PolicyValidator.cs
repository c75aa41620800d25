using Telemetry.Rebalancing;

namespace Telemetry.Grains.Rebalancing;

/// <summary>Checks a <see cref="RebalancePolicy"/>; each problem names its field (camelCase, as in the API).</summary>
public static class PolicyValidator
{
    public static string[] Problems(RebalancePolicy p)
    {
        var problems = new List<string>();
        Share(problems, "hotEnterFreeShare", p.HotEnterFreeShare);
        Share(problems, "hotExitFreeShare", p.HotExitFreeShare);
        Share(problems, "degradedEnterShare", p.DegradedEnterShare);
        Share(problems, "degradedExitShare", p.DegradedExitShare);
        Share(problems, "reducedAdmissionWeight", p.ReducedAdmissionWeight);
        Share(problems, "migrationMinGain", p.MigrationMinGain);
        Share(problems, "breakerShare", p.BreakerShare);
        Share(problems, "darkReportingShare", p.DarkReportingShare);
        if (p.HotExitFreeShare <= p.HotEnterFreeShare)
        {
            problems.Add($"hotExitFreeShare ({p.HotExitFreeShare}) must be above hotEnterFreeShare ({p.HotEnterFreeShare}): the gap between them is the hysteresis that stops flapping.");
        }

        if (p.DegradedExitShare >= p.DegradedEnterShare)
        {
            problems.Add($"degradedExitShare ({p.DegradedExitShare}) must be below degradedEnterShare ({p.DegradedEnterShare}): the gap between them is the hysteresis that stops flapping.");
        }

        if (p.BreakerShare <= 0)
        {
            problems.Add("breakerShare must be above 0, or every drain would trip the breaker.");
        }

        Range(problems, "pairCooldownSeconds", p.PairCooldownSeconds, 0, 86_400);
        Range(problems, "jobCooldownSeconds", p.JobCooldownSeconds, 0, 7 * 86_400);
        Range(problems, "maxMovesPerInterval", p.MaxMovesPerInterval, 0, 10_000);
        Range(problems, "drainUnhealthyGpus", p.DrainUnhealthyGpus, 1, 64);
        Range(problems, "evacuateUnhealthyGpus", p.EvacuateUnhealthyGpus, 0, 64);
        Range(problems, "evacuateMinJobAgeSeconds", p.EvacuateMinJobAgeSeconds, 0, 7 * 86_400);
        Range(problems, "turnedAwayWindowSeconds", p.TurnedAwayWindowSeconds, 0, 7 * 86_400);
        Range(problems, "undrainAfterSeconds", p.UndrainAfterSeconds, 0, 86_400);
        Range(problems, "breakerWindowSeconds", p.BreakerWindowSeconds, 10, 86_400);
        Range(problems, "decisionTtlSeconds", p.DecisionTtlSeconds, 10, 7 * 86_400);
        foreach (var (tenant, dataCenters) in p.TenantDataCenters)
        {
            if (string.IsNullOrWhiteSpace(tenant) || dataCenters is null || dataCenters.Length == 0 || dataCenters.Any(string.IsNullOrWhiteSpace))
            {
                problems.Add($"tenantDataCenters['{tenant}'] must name at least one data center, and no empty names.");
            }
        }

        return [.. problems];
    }

    private static void Share(List<string> problems, string field, double value)
    {
        if (!(value is >= 0 and <= 1))
        {
            problems.Add($"{field} must be a share between 0 and 1; got {value}.");
        }
    }

    private static void Range(List<string> problems, string field, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            problems.Add($"{field} must be {min}–{max}; got {value}.");
        }
    }
}
