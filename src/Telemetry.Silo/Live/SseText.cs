using System.Globalization;
using System.Text;

namespace Telemetry.Silo.Live;

/// <summary>The text/event-stream framing (WHATWG HTML, "Server-sent events").</summary>
public static class SseText
{
    /// <summary>An event: <c>id</c>, <c>event</c>, one <c>data</c> line per line of the payload, and a blank line.</summary>
    public static string Format(ServerSentEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var text = new StringBuilder(e.Data.Length + 48);
        if (e.Id is { } id)
        {
            text.Append("id: ").Append(id.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        text.Append("event: ").Append(OneLine(e.Name)).Append('\n');

        // A newline inside the payload would end the field early; each line gets its own data field, which readers join with \n.
        foreach (var line in e.Data.ReplaceLineEndings("\n").Split('\n'))
        {
            text.Append("data: ").Append(line).Append('\n');
        }

        return text.Append('\n').ToString();
    }

    /// <summary>A comment line: ignored by readers, but it keeps proxies and load balancers from closing an idle stream.</summary>
    public static string Comment(string text) => $": {OneLine(text)}\n\n";

    /// <summary>How long a client waits before reconnecting after the stream ends.</summary>
    public static string Retry(TimeSpan delay) => $"retry: {(long)delay.TotalMilliseconds}\n\n";

    /// <summary>The <c>Last-Event-ID</c> a reconnecting client sent: a feed sequence, or null when absent or not a number.</summary>
    public static long? ParseLastEventId(string? header) =>
        long.TryParse(header, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    private static string OneLine(string text) => text.Replace('\n', ' ').Replace('\r', ' ');
}
