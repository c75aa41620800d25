namespace Telemetry.Silo.Tests;

/// <summary>Tests that share one silo; each uses its own node and GPU ids, so they do not see each other's data.</summary>
[CollectionDefinition(Name)]
public sealed class SiloCollection : ICollectionFixture<SiloFixture>
{
    public const string Name = "silo";
}
