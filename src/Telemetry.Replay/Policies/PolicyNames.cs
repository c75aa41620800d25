namespace Telemetry.Replay.Policies;

/// <summary>The policies <c>--policy</c> accepts, and the prefix each run's names get.</summary>
public static class PolicyNames
{
    public const string Silo = "silo";
    public const string FirstFit = "first-fit";
    public const string BestFit = "best-fit";
    public const string Random = "random";

    /// <summary>Every policy, in the order a summary lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Silo, FirstFit, BestFit, Random];

    /// <summary>The short prefix of a policy's host and data-center names.</summary>
    public static string Prefix(string policy) => policy switch
    {
        Silo => "silo-",
        FirstFit => "ff-",
        BestFit => "bf-",
        Random => "rnd-",
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "unknown policy"),
    };
}
