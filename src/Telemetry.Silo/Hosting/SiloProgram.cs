using Microsoft.Extensions.Options;

namespace Telemetry.Silo.Hosting;

/// <summary>The silo's entry point: builds the host, turns a bad setting into one clear line, and runs.</summary>
public static class SiloProgram
{
    /// <summary>Exit code for a bad setting.</summary>
    public const int BadConfiguration = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            var app = TelemetrySilo.Build(args);
            await app.RunAsync();
            return 0;
        }
        catch (SettingException e)
        {
            await Console.Error.WriteLineAsync($"telemetry-silo: {e.Message}");
            return BadConfiguration;
        }
        catch (OptionsValidationException e)
        {
            await Console.Error.WriteLineAsync($"telemetry-silo: {string.Join(Environment.NewLine, e.Failures)}");
            return BadConfiguration;
        }
        catch (InvalidOperationException e) when (e.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync($"telemetry-silo: {e.Message}");
            return BadConfiguration;
        }
    }
}
