using Microsoft.Extensions.Logging;
using Telemetry.Silo.Auth;

namespace Telemetry.Silo.Tests.Access;

/// <summary>
/// A silo with the API keys of <see cref="TestKeys"/>, tenant <c>acme</c> allowed in data center <see cref="AcmeDataCenter"/>
/// only, and stand-in endpoints that need each role, as placement and policy endpoints will.
/// </summary>
public sealed class KeyedSiloFixture : IAsyncLifetime
{
    public const string AcmeDataCenter = "acme1";
    public const string OtherDataCenter = "other1";

    private RunningSilo? _silo;

    public RunningSilo Silo => _silo!;

    public LogCapture Logs { get; } = new();

    public async Task InitializeAsync() => _silo = await RunningSilo.StartAsync(
        [.. TestKeys.Arguments(), "--Logging:LogLevel:Default=Information"],
        builder =>
        {
            builder.Logging.AddProvider(Logs);
            builder.Services.AddSingleton<ITenantDataCenters>(new FakeTenantDataCenters(AcmeDataCenter));
        },
        app =>
        {
            app.MapPost("/api/v1/test/scheduler", () => "placed").RequireApiRole(ApiRole.Scheduler);
            app.MapPut("/api/v1/test/operator", () => "policy set").RequireApiRole(ApiRole.Operator);
            app.MapPost("/api/v1/test/unmarked", () => "changed");
        });

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }
}
