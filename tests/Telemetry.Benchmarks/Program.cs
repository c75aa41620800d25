using System.CommandLine;
using Telemetry.Benchmarks.Cli;

var root = new RootCommand("Telemetry benchmarks: the end-to-end ingest comparison with peer databases, the silo's memory per GPU, the dashboard's heat-map drawing, the fleet simulator's own CPU, and micro-benchmarks.")
{
    IngestCommand.Create(args),
    MemoryCommand.Create(args),
    PlacementCommand.Create(args),
    PackingCommand.Create(args),
    StragglersCommand.Create(args),
    HeatMapCommand.Create(args),
    SimulatorCommand.Create(args),
    MicroCommand.Create(),
};

return await root.Parse(args).InvokeAsync();
