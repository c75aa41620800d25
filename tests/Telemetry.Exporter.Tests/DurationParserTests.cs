using Telemetry.Exporter.Cli;
using Telemetry.Exporter.Running;

namespace Telemetry.Exporter.Tests;

public sealed class DurationParserTests
{
    [Theory]
    [InlineData("30s", 30)]
    [InlineData("5m", 300)]
    [InlineData("1h30m", 5400)]
    [InlineData("2d", 172_800)]
    [InlineData("250ms", 0.25)]
    [InlineData("1.5m", 90)]
    [InlineData("45", 45)]
    [InlineData("0", 0)]
    [InlineData("00:05:00", 300)]
    [InlineData(" 10S ", 10)]
    public void TryParse_ValidText_ReturnsDuration(string text, double seconds)
    {
        Assert.True(DurationParser.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("5x")]
    [InlineData("m5")]
    [InlineData("-5s")]
    [InlineData("5m-")]
    public void TryParse_InvalidText_ReturnsFalse(string text) =>
        Assert.False(DurationParser.TryParse(text, out _));
}
