using Telemetry.Exporter.Cli;
using Telemetry.Wire;

namespace Telemetry.Exporter.Tests;

public sealed class TokenCommandTests
{
    [Fact]
    public void Run_Node_PrintsTheNodesToken()
    {
        var output = new StringWriter();

        var code = TokenCommand.Run("dc1/node-0001", null, "secret", output, new StringWriter());

        Assert.Equal(0, code);
        Assert.Equal(IngestTokens.For("secret", "dc1/node-0001"), output.ToString().Trim());
    }

    [Fact]
    public void Run_DataCenter_PrintsTheWildcardToken()
    {
        var output = new StringWriter();

        TokenCommand.Run(null, "dc1", "secret", output, new StringWriter());

        Assert.Equal(IngestTokens.For("secret", "dc1/*"), output.ToString().Trim());
    }

    [Theory]
    [InlineData(null, null, "secret")]
    [InlineData("dc1/a", "dc1", "secret")]
    [InlineData("Bad/Id", null, "secret")]
    [InlineData("dc1/a", null, null)]
    public void Run_BadArguments_ExplainsAndReturns2(string? node, string? dataCenter, string? secret)
    {
        var error = new StringWriter();

        Assert.Equal(2, TokenCommand.Run(node, dataCenter, secret, new StringWriter(), error));
        Assert.StartsWith("token: ", error.ToString(), StringComparison.Ordinal);
    }
}
