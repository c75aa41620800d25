namespace Telemetry.Benchmarks.HeatMap;

/// <summary>One load of the fleet page: each data center's heat map and the main thread's long tasks over the whole load.</summary>
/// <param name="DataCenters">Each data center, in the order their answers arrived.</param>
/// <param name="AllShownMs">The first answer's arrival to the last heat map shown.</param>
/// <param name="LongestTaskMs">The longest main-thread task from the first answer on (until the page is read, a second after the last is shown).</param>
/// <param name="BlockingMs">Time over 50 ms summed over those tasks (total blocking time): how long input could have waited beyond 50 ms.</param>
internal sealed record PageDrawing(IReadOnlyList<DataCenterDrawing> DataCenters, double AllShownMs, double LongestTaskMs, double BlockingMs)
{
    private const double LongTaskMs = 50;

    public static PageDrawing From(IReadOnlyDictionary<string, AnswerTimes> answers, IReadOnlyList<LongTask> tasks)
    {
        var first = answers.Values.Min(a => a.Arrived);
        var last = answers.Values.Max(a => a.Painted);
        var after = tasks.Where(t => t.End > first).ToArray();
        var dataCenters = answers.OrderBy(a => a.Value.Arrived).Select(a => new DataCenterDrawing(
            a.Key,
            a.Value.Parsed - a.Value.Arrived,
            a.Value.Drawn - a.Value.Parsed,
            a.Value.Painted - a.Value.Arrived,
            after.Where(t => t.Overlaps(a.Value.Arrived, a.Value.Painted)).Select(t => t.Duration).DefaultIfEmpty(0).Max())).ToArray();
        return new PageDrawing(dataCenters, last - first, after.Select(t => t.Duration).DefaultIfEmpty(0).Max(), after.Sum(t => t.Duration - LongTaskMs));
    }
}
