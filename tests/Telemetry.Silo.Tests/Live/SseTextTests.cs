using Telemetry.Silo.Live;

namespace Telemetry.Silo.Tests.Live;

public sealed class SseTextTests
{
    [Fact]
    public void Format_EventWithId_WritesIdEventDataAndBlankLine()
    {
        var text = SseText.Format(new ServerSentEvent(42, "health", "{\"a\":1}"));

        Assert.Equal("id: 42\nevent: health\ndata: {\"a\":1}\n\n", text);
    }

    [Fact]
    public void Format_EventWithoutId_LeavesIdOut()
    {
        var text = SseText.Format(new ServerSentEvent(null, "summary", "{}"));

        Assert.Equal("event: summary\ndata: {}\n\n", text);
    }

    [Fact]
    public void Format_MultiLinePayload_OneDataFieldPerLine()
    {
        var text = SseText.Format(new ServerSentEvent(1, "decision", "{\r\n\"a\": 1\n}"));

        Assert.Equal("id: 1\nevent: decision\ndata: {\ndata: \"a\": 1\ndata: }\n\n", text);
    }

    [Fact]
    public void Format_NewlineInName_CannotStartANewField()
    {
        var text = SseText.Format(new ServerSentEvent(null, "x\ndata: injected", "{}"));

        Assert.Equal("event: x data: injected\ndata: {}\n\n", text);
    }

    [Fact]
    public void Comment_IsAColonLine()
    {
        Assert.Equal(": heartbeat\n\n", SseText.Comment("heartbeat"));
    }

    [Theory]
    [InlineData("17", 17L)]
    [InlineData("1764331200000001", 1764331200000001L)]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("-3", null)]
    [InlineData("abc", null)]
    [InlineData(" 5", null)]
    public void ParseLastEventId_AcceptsOnlyAPlainSequence(string? header, long? expected)
    {
        Assert.Equal(expected, SseText.ParseLastEventId(header));
    }
}
