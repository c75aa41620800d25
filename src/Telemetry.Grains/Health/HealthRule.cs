using Telemetry.Health;

namespace Telemetry.Grains.Health;

/// <summary>One row of the health rule table: what fired, the verdict it gives, why, and NVIDIA's recommended action.</summary>
/// <param name="Key">Stable identity of the rule, e.g. <c>xid-79</c> or <c>ecc-dbe</c>.</param>
/// <param name="Verdict">The state the rule puts the GPU in.</param>
/// <param name="Reason">One line for people, e.g. <c>XID 79: GPU has fallen off the bus</c>.</param>
/// <param name="Action">The recommended action.</param>
public sealed record HealthRule(string Key, HealthState Verdict, string Reason, string Action);
