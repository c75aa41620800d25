using Telemetry.Silo.Sink;

namespace Telemetry.Sink.Tests;

public class LineProtocolTests
{
    [Fact]
    public void At_SpecialCharacters_AreEscapedAsLineProtocolRequires()
    {
        var line = new LineProtocol("my measurement,x")
            .Tag("node", "dc1/node 1,a=b")
            .Tag("empty", "")
            .Field("text", "say \"hi\"\\ now\nthen")
            .Field("n", 42L)
            .Field("ok", true)
            .Field("x", 1.5)
            .Field("nan", double.NaN)
            .At(123);

        Assert.Equal("my\\ measurement\\,x,node=dc1/node\\ 1\\,a\\=b text=\"say \\\"hi\\\"\\\\ now then\",n=42i,ok=true,x=1.5 123", line);
    }

    [Fact]
    public void At_NoFieldOrOnlyNaN_IsNoPoint()
    {
        Assert.Null(new LineProtocol("m").Tag("t", "v").Field("x", double.NaN).At(1));
    }
}
