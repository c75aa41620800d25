using Microsoft.Extensions.Options;
using Telemetry.Grains.Events;
using Telemetry.Grains.Rebalancing;

namespace Telemetry.Silo.Rebalancing;

/// <summary>Switches on the rebalancer: its validated options, the decision publisher, and the service that keeps it running.</summary>
public static class RebalancerHostingExtensions
{
    public static WebApplicationBuilder AddRebalancer(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RebalancerOptions>().BindConfiguration(RebalancerOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<RebalancerOptions>, RebalancerOptionsValidator>();
        builder.Services.AddSingleton<DecisionPublisher>();
        builder.Services.AddHostedService<RebalancerKeeper>();
        return builder;
    }
}
