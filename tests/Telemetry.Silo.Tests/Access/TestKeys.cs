using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Telemetry.Silo.Tests.Access;

/// <summary>API keys the access tests configure: one per role, and a viewer and a scheduler limited to tenant <c>acme</c>.</summary>
internal static class TestKeys
{
    public const string Viewer = "viewer-key-0123456789abcdef";
    public const string Scheduler = "scheduler-key-0123456789abcdef";
    public const string Operator = "operator-key-0123456789abcdef";
    public const string Admin = "admin-key-0123456789abcdef";
    public const string AcmeViewer = "acme-viewer-key-0123456789abcdef";
    public const string AcmeScheduler = "acme-scheduler-key-0123456789abcdef";
    public const string Tenant = "acme";

    /// <summary>Command-line settings for every key above, by its hash only.</summary>
    public static string[] Arguments() =>
    [
        .. Key("viewer", Viewer, "viewer"),
        .. Key("scheduler", Scheduler, "Scheduler"),
        .. Key("operator", Operator, "operator"),
        .. Key("admin", Admin, "admin"),
        .. Key("acme-viewer", AcmeViewer, "viewer", Tenant),
        .. Key("acme-scheduler", AcmeScheduler, "scheduler", Tenant),
    ];

    public static string Sha256Hex(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static string[] Key(string name, string key, string role, string? tenant = null) =>
    [
        $"--Telemetry:Auth:ApiKeys:{name}:Sha256={Sha256Hex(key)}",
        $"--Telemetry:Auth:ApiKeys:{name}:Role={role}",
        .. tenant is null ? Array.Empty<string>() : [$"--Telemetry:Auth:ApiKeys:{name}:Tenant={tenant}"],
    ];

    public static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, string? key, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return await http.SendAsync(request);
    }
}
