using Microsoft.Extensions.Options;
using Telemetry.Grains.Events;
using Telemetry.Grains.Jobs;

namespace Telemetry.Silo.Jobs;

/// <summary>Switches on job grains and straggler detection (<c>Telemetry:Stragglers</c>) and the <c>/api/v1/jobs</c> endpoints.</summary>
public static class JobHostingExtensions
{
    public static WebApplicationBuilder AddJobs(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<StragglerOptions>().BindConfiguration(StragglerOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<StragglerOptions>, StragglerOptionsValidator>();
        builder.Services.AddSingleton<StragglerPublisher>();
        return builder;
    }
}
