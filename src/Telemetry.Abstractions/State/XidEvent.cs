namespace Telemetry.State;

/// <summary>An XID error the driver raised, stamped with the newest sample time of the report that carried it.</summary>
[GenerateSerializer, Immutable, Alias("telemetry.XidEvent")]
public sealed record XidEvent([property: Id(0)] DateTimeOffset At, [property: Id(1)] int Code);
