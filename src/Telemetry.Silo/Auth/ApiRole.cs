namespace Telemetry.Silo.Auth;

/// <summary>What an API key may do (API.md, Access). Each role includes every role below it.</summary>
public enum ApiRole
{
    /// <summary>Reads state: every GET.</summary>
    Viewer = 1,

    /// <summary>Viewer, plus placement, reservations and acknowledging rebalancing decisions.</summary>
    Scheduler = 2,

    /// <summary>Scheduler, plus the rebalancing policy, drain and undrain.</summary>
    Operator = 3,

    /// <summary>Everything, including endpoints not yet given a role of their own.</summary>
    Admin = 4,
}
