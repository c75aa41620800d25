namespace Telemetry.Silo.Auth;

/// <summary>A validated API key: its name, the SHA-256 of the key, its role and its tenant (null: every data center).</summary>
public sealed record ApiKey(string Name, byte[] Sha256, ApiRole Role, string? Tenant);
