namespace Telemetry.Benchmarks.HeatMap;

/// <summary>What the heat-map drawing benchmark draws, and with which dashboard builds.</summary>
/// <param name="DataCenters">Data centers on the fleet page, each one heat map.</param>
/// <param name="Nodes">Nodes per data center, 8 GPUs each.</param>
/// <param name="Runs">Page loads per build; builds alternate load by load.</param>
/// <param name="Wwwroot">The dashboard's static files measured.</param>
/// <param name="BaselineWwwroot">Another build's static files, measured with the same answers, or null.</param>
/// <param name="DeviceScale">Device pixels per CSS pixel (2: a high-density laptop screen).</param>
/// <param name="CpuSlowdown">Chromium's CPU throttling factor (1: none; 4: a slower laptop than this machine).</param>
/// <param name="Chromium">The browser executable.</param>
/// <param name="CommandLine">The command as typed, for the report.</param>
internal sealed record HeatMapSettings(int DataCenters, int Nodes, int Runs, string Wwwroot, string? BaselineWwwroot, double DeviceScale, double CpuSlowdown, string Chromium, string CommandLine);
