using Telemetry.Wire;

namespace Telemetry.Abstractions.Tests;

public sealed class IngestTokensTests
{
    [Fact]
    public void For_KnownVector_MatchesHmacSha256Base64UrlUnpadded()
    {
        // printf 'dc1/node-0001' | openssl dgst -sha256 -hmac 'secret' -binary | basenc --base64url | tr -d '='
        Assert.Equal("whyy2AdsruheD2WTQ01yauyVtZuN2KwNg9p79SBd6J8", IngestTokens.For("secret", "dc1/node-0001"));
    }

    [Fact]
    public void Allows_NodeOrItsDataCenterToken_ButNotAnotherNodes()
    {
        Assert.True(IngestTokens.Allows("s", IngestTokens.For("s", "dc1/a"), "dc1/a"));
        Assert.True(IngestTokens.Allows("s", IngestTokens.For("s", "dc1/*"), "dc1/a"));
        Assert.False(IngestTokens.Allows("s", IngestTokens.For("s", "dc1/b"), "dc1/a"));
        Assert.False(IngestTokens.Allows("s", IngestTokens.For("s", "dc2/*"), "dc1/a"));
        Assert.False(IngestTokens.Allows("t", IngestTokens.For("s", "dc1/a"), "dc1/a"));
    }
}
