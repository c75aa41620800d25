namespace Telemetry.Silo.Demo;

/// <summary>Switches on the demo fleet: a simulator feeding this silo over its own HTTP port.</summary>
public static class DemoHostingExtensions
{
    public static WebApplicationBuilder AddDemoFleet(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DemoFleetOptions>().BindConfiguration(DemoFleetOptions.Section);
        builder.Services.AddHostedService<DemoFleetService>();
        return builder;
    }
}
