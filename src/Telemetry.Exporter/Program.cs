using System.CommandLine;
using Telemetry.Exporter.Cli;

var root = new RootCommand("GPU telemetry exporter: streams node reports to the telemetry cluster's ingest API.")
{
    RunCommand.Create(),
    SimulateCommand.Create(),
    TokenCommand.Create(),
    ReplayCommand.Create(),
};

return await root.Parse(args).InvokeAsync();
