namespace Telemetry.Silo.Tests.Scenarios;

/// <summary>Scenario runs go one at a time: each is a 60-node fleet against its own silo.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ScenarioCollection
{
    public const string Name = "Scenarios";
}
