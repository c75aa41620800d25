using Telemetry.Silo.Auth;

namespace Telemetry.Silo.Tests.Access;

public sealed class ApiKeyParserTests
{
    [Fact]
    public void Parse_GoodEntries_GivesKeysWithRoleAndTenant()
    {
        var options = Options(("ops", TestKeys.Sha256Hex(TestKeys.Operator), "Operator", null), ("acme", TestKeys.Sha256Hex(TestKeys.AcmeViewer), "viewer", "acme"));

        var (keys, errors) = ApiKeyParser.Parse(options);

        Assert.Empty(errors);
        Assert.Equal([("acme", ApiRole.Viewer, "acme"), ("ops", ApiRole.Operator, null)], keys.Select(k => (k.Name, k.Role, k.Tenant)));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("zz0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd")]
    [InlineData("")]
    public void Parse_BadHex_NamesTheShaKeyWithoutEchoingTheValue(string hex)
    {
        var (_, errors) = ApiKeyParser.Parse(Options(("ci", hex, "viewer", null)));

        var error = Assert.Single(errors);
        Assert.Contains("Telemetry:Auth:ApiKeys:ci:Sha256", error, StringComparison.Ordinal);
        if (hex.Length > 0)
        {
            Assert.DoesNotContain(hex, error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("root")]
    [InlineData("2")]
    [InlineData(null)]
    public void Parse_UnknownRole_NamesTheRoleKey(string? role)
    {
        var (_, errors) = ApiKeyParser.Parse(Options(("ci", TestKeys.Sha256Hex(TestKeys.Viewer), role, null)));

        Assert.Contains("Telemetry:Auth:ApiKeys:ci:Role", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BadTenant_NamesTheTenantKey()
    {
        var (_, errors) = ApiKeyParser.Parse(Options(("ci", TestKeys.Sha256Hex(TestKeys.Viewer), "viewer", "Acme Corp")));

        Assert.Contains("Telemetry:Auth:ApiKeys:ci:Tenant", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SameHashTwice_NamesBothKeys()
    {
        var hash = TestKeys.Sha256Hex(TestKeys.Viewer);

        var (_, errors) = ApiKeyParser.Parse(Options(("a", hash, "viewer", null), ("b", hash.ToUpperInvariant(), "admin", null)));

        var error = Assert.Single(errors);
        Assert.Contains("ApiKeys:b:Sha256", error, StringComparison.Ordinal);
        Assert.Contains("ApiKeys:a:Sha256", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Find_PresentedKey_MatchesItsHashOnly()
    {
        var (keys, _) = ApiKeyParser.Parse(Options(("v", TestKeys.Sha256Hex(TestKeys.Viewer), "viewer", null), ("s", TestKeys.Sha256Hex(TestKeys.Scheduler), "scheduler", null)));
        var table = new ApiKeyTable(keys);

        Assert.Equal("s", table.Find(TestKeys.Scheduler)?.Name);
        Assert.Equal("v", table.Find(TestKeys.Viewer)?.Name);
        Assert.Null(table.Find(TestKeys.Admin));
        Assert.Null(table.Find(TestKeys.Sha256Hex(TestKeys.Viewer))); // the hash itself is not a key
        Assert.False(table.IsOpen);
        Assert.True(new ApiKeyTable([]).IsOpen);
    }

    private static AuthOptions Options(params (string Name, string? Sha256, string? Role, string? Tenant)[] entries)
    {
        var options = new AuthOptions();
        foreach (var (name, sha, role, tenant) in entries)
        {
            options.ApiKeys[name] = new ApiKeyEntry { Sha256 = sha, Role = role, Tenant = tenant };
        }

        return options;
    }
}
