namespace Telemetry.Exporter.Sending;

/// <summary>Names of the error kinds counted in <see cref="SendStats.Errors"/>.</summary>
internal static class ErrorKinds
{
    /// <summary><c>http_&lt;status&gt;</c>, without allocating for the statuses WIRE.md names.</summary>
    public static string ForStatus(int status) => status switch
    {
        400 => "http_400",
        401 => "http_401",
        403 => "http_403",
        413 => "http_413",
        415 => "http_415",
        429 => "http_429",
        500 => "http_500",
        502 => "http_502",
        503 => "http_503",
        _ => $"http_{status}",
    };
}
