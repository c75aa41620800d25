namespace Telemetry.Silo.Tests;

/// <summary>
/// Tests that measure this process's heap (fuzzing, overload): run alone, after the parallel ones, so other tests'
/// silos and garbage are not counted as theirs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasuredCollection
{
    public const string Name = "measured alone";
}
