using System.Net;
using Telemetry.Grains.Nodes;

namespace Telemetry.Silo.Hosting;

/// <summary>Switches on the Orleans silo, its clock and its node-monitoring settings.</summary>
public static class ClusterHostingExtensions
{
    public static WebApplicationBuilder AddTelemetryCluster(this WebApplicationBuilder builder)
    {
        var settings = ClusterSettings.Read(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ReadinessGate>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ReadinessGate>());
        builder.Services.AddOptions<NodeMonitorOptions>().BindConfiguration(NodeMonitorOptions.Section);

        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(
                settings.SiloPort,
                settings.GatewayPort,
                new IPEndPoint(settings.AdvertisedIp, settings.SiloPort),
                settings.ServiceId,
                settings.ClusterId);
        });
        return builder;
    }
}
