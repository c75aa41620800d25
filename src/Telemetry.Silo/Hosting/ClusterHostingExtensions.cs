using System.Net;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using StackExchange.Redis;
using Telemetry.Grains;
using Telemetry.Grains.Events;
using Telemetry.Grains.Nodes;

namespace Telemetry.Silo.Hosting;

/// <summary>Switches on the Orleans silo: membership, grain storage, failure detection, its clock and node monitoring.</summary>
public static class ClusterHostingExtensions
{
    public static WebApplicationBuilder AddTelemetryCluster(this WebApplicationBuilder builder)
    {
        var settings = ClusterSettings.Read(builder.Configuration);
        PortPreflight.EnsureFree(settings);
        if (settings.Redis is { } redis)
        {
            RedisPreflight.EnsureReachable(redis);
        }

        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ReadinessGate>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ReadinessGate>());
        builder.Services.AddOptions<NodeMonitorOptions>().BindConfiguration(NodeMonitorOptions.Section);
        builder.Services.AddSingleton(new GrainStateOptions { Durable = settings.IsDurable });
        builder.Services.AddSingleton<DurableStates>();
        builder.Services.AddSingleton<HealthChangePublisher>();
        builder.Services.AddSingleton<NodeCheckStats>();

        // Orleans stops after the readiness gate has closed; give it time to hand its grains over.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));

        builder.UseOrleans(silo =>
        {
            if (settings.UsesRedisClustering)
            {
                silo.UseRedisClustering(o => o.ConfigurationOptions = settings.Redis!.Clone());
                silo.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = settings.ClusterId;
                    o.ServiceId = settings.ServiceId;
                });
                silo.Configure<EndpointOptions>(o =>
                {
                    o.AdvertisedIPAddress = settings.AdvertisedIp;
                    o.SiloPort = settings.SiloPort;
                    o.GatewayPort = settings.GatewayPort;
                    o.SiloListeningEndpoint = new IPEndPoint(settings.AdvertisedIp, settings.SiloPort);
                    o.GatewayListeningEndpoint = new IPEndPoint(settings.AdvertisedIp, settings.GatewayPort);
                });
                silo.Configure<ClusterMembershipOptions>(FailureDetection.Configure);
            }
            else
            {
                silo.UseLocalhostClustering(
                    settings.SiloPort,
                    settings.GatewayPort,
                    new IPEndPoint(settings.AdvertisedIp, settings.SiloPort),
                    settings.ServiceId,
                    settings.ClusterId);
            }

            if (settings.IsDurable)
            {
                foreach (var name in new[] { GrainStateOptions.StorageName, GrainStateOptions.KeptStorageName })
                {
                    silo.AddRedisGrainStorage(name, options => options.Configure<IServiceProvider>((o, services) =>
                    {
                        o.ConfigurationOptions = settings.Redis!.Clone();

                        // Orleans' own serializer rather than the JSON default: the state types are already [GenerateSerializer].
                        o.GrainStorageSerializer = new OrleansGrainStorageSerializer(services.GetRequiredService<Orleans.Serialization.Serializer>());
                    }));
                }
            }
            else
            {
                // Nothing is written without durable storage, so nothing is read either; what must outlive an
                // activation all the same (a job's tenant) is kept in the silos' memory.
                silo.Services.AddGrainStorage(GrainStateOptions.StorageName, (_, _) => new VolatileGrainStorage());
                silo.AddMemoryGrainStorage(GrainStateOptions.KeptStorageName);
            }
        });
        return builder;
    }
}
