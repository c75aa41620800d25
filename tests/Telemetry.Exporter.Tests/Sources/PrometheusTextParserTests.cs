using Telemetry.Exporter.Sources.Dcgm;

namespace Telemetry.Exporter.Tests.Sources;

public sealed class PrometheusTextParserTests
{
    [Fact]
    public void Parse_DcgmExporterPage_SkipsHelpAndTypeAndReadsEverySeries()
    {
        var samples = PrometheusTextParser.Parse(Fixtures.Read("dcgm-exporter.txt"));

        Assert.Equal(32, samples.Count);
        var power = samples.Single(s => s.Name == "DCGM_FI_DEV_POWER_USAGE" && s.Labels["gpu"] == "0");
        Assert.Equal(612.418, power.Value);
        Assert.Equal("NVIDIA H100 80GB HBM3", power.Labels["modelName"]);
        Assert.Equal(9.8765432e+10, samples.Single(s => s.Name == "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION").Value);
    }

    [Fact]
    public void Parse_EscapedLabelValuesSpacesTrailingCommaAndTimestamp_AreRead()
    {
        var samples = PrometheusTextParser.Parse(
            "metric_a{ msg = \"say \\\"hi\\\"\\\\there\\nnext\" , b=\"x,y}z\", } -1.5e3 1700000000000\n" +
            "metric_b NaN\n" +
            "metric_c{} +Inf\n");

        Assert.Equal("say \"hi\"\\there\nnext", samples[0].Labels["msg"]);
        Assert.Equal("x,y}z", samples[0].Labels["b"]);
        Assert.Equal(-1500, samples[0].Value);
        Assert.True(double.IsNaN(samples[1].Value));
        Assert.Empty(samples[1].Labels);
        Assert.Equal(double.PositiveInfinity, samples[2].Value);
    }

    [Theory]
    [InlineData("m{a=\"1\"} twelve", "line 2: 'twelve' is not a number")]
    [InlineData("m{a=1} 3", "line 2: expected '\"' in label a")]
    [InlineData("m{a=\"1} 3", "line 2: unterminated value of label a")]
    [InlineData("m{a=\"\\t\"} 3", "line 2: unknown escape '\\t' in label a")]
    [InlineData("{a=\"1\"} 3", "line 2: expected a metric name")]
    public void Parse_MalformedLine_FailsNamingTheLine(string line, string expected)
    {
        var e = Assert.Throws<FormatException>(() => PrometheusTextParser.Parse("# HELP m fine\n" + line + "\n"));

        Assert.Equal(expected, e.Message);
    }
}
