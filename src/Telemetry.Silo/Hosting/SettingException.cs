namespace Telemetry.Silo.Hosting;

/// <summary>A setting is missing or wrong; the message names the key, the value and what is expected.</summary>
public sealed class SettingException(string message) : Exception(message);
