using Telemetry.Silo.Ingest.LineProtocol;

namespace Telemetry.Silo.Tests.LineProtocol;

public sealed class LineProtocolParserTests
{
    [Fact]
    public void Parse_TelegrafFixture_ReadsEveryLineWithTagsFieldsAndTimestamp()
    {
        var points = LineProtocolParser.Parse(Fixture.Telegraf());

        Assert.Equal(5, points.Count);
        Assert.Equal([2, 3, 4, 5, 6], points.Select(p => p.Line));
        var first = points[0];
        Assert.Equal("nvidia_smi", first.Measurement);
        Assert.Equal("NVIDIA H100 80GB HBM3", first.Tags["name"]);
        Assert.Equal("gpu-node-17", first.Tags["host"]);
        Assert.Equal(97, first.Fields["utilization_gpu"].Number);
        Assert.Equal(612.41, first.Fields["power_draw"].Number);
        Assert.Equal("550.54.15", first.Fields["driver_version"].Text);
        Assert.Equal(1700000000000000000, first.Timestamp);
        Assert.Equal("cpu", points[2].Measurement);
    }

    [Fact]
    public void Parse_EscapesInMeasurementTagsFieldKeysAndStrings_AreUndone()
    {
        var point = LineProtocolParser.Parse(
            "my\\ meas\\,ure,tag\\ key=a\\,b\\=c\\ d,t2=x\\y field\\=key=\"say \\\"hi\\\" \\\\ back, and = sign\",n=-3i,u=7u,b=t,B=FALSE,f=1.5e3").Single();

        Assert.Equal("my meas,ure", point.Measurement);
        Assert.Equal("a,b=c d", point.Tags["tag key"]);
        Assert.Equal("x\\y", point.Tags["t2"]);
        Assert.Equal("say \"hi\" \\ back, and = sign", point.Fields["field=key"].Text);
        Assert.Equal((-3.0, 7.0, 1.0, 0.0, 1500.0), (point.Fields["n"].Number, point.Fields["u"].Number, point.Fields["b"].Number, point.Fields["B"].Number, point.Fields["f"].Number));
        Assert.Null(point.Timestamp);
    }

    [Theory]
    [InlineData("nvidia_smi,host=a", "line 2: the line ends where a space before the fields was expected")]
    [InlineData("nvidia_smi,host=a power_draw", "line 2: the line ends where '=' after field key power_draw was expected")]
    [InlineData("nvidia_smi,host=a power_draw=12x", "line 2: field power_draw has the value '12x', which is not a number, integer (i/u), boolean or quoted string")]
    [InlineData("nvidia_smi,host=a s=\"open", "line 2: the line ends where a closing quote for field s was expected")]
    [InlineData("nvidia_smi,=a f=1", "line 2: empty tag key")]
    [InlineData("nvidia_smi f=1 soon", "line 2: 'soon' is not an integer timestamp")]
    [InlineData("nvidia_smi f=-1u", "line 2: field f has the value '-1u', which is not a number, integer (i/u), boolean or quoted string")]
    public void Parse_MalformedLine_FailsNamingTheLineAndTheProblem(string line, string expected)
    {
        var e = Assert.Throws<LineProtocolException>(() => LineProtocolParser.Parse("cpu usage=1 1\n" + line));

        Assert.Equal(expected, e.Message);
    }
}
