using Microsoft.AspNetCore.Authorization;

namespace Telemetry.Silo.Auth;

/// <summary>The caller's role must be <see cref="Minimum"/> or above.</summary>
public sealed record ApiRoleRequirement(ApiRole Minimum) : IAuthorizationRequirement;
