namespace Telemetry.Dashboard.Tests;

/// <summary>Tests that share one demo silo and one browser.</summary>
[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>
{
    public const string Name = "dashboard";
}
