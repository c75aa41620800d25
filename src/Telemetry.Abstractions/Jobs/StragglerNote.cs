namespace Telemetry.Jobs;

/// <summary>What a job tells a GPU it judges a straggler: the reason and action its health verdict shows.</summary>
/// <param name="JobId">The job that judged it.</param>
/// <param name="Reason">E.g. <c>sm_active 0.35 vs job median 0.90 for 30 s</c>.</param>
/// <param name="Action">The recommended action.</param>
/// <param name="SampleMs">End of the window judged, Unix ms of sample time: the health rule holds from there.</param>
[GenerateSerializer, Immutable, Alias("telemetry.StragglerNote")]
public sealed record StragglerNote(
    [property: Id(0)] string JobId,
    [property: Id(1)] string Reason,
    [property: Id(2)] string Action,
    [property: Id(3)] long SampleMs);
