namespace Telemetry.Silo.Ingest.LineProtocol;

/// <summary>A body that is not valid line protocol, or a line that cannot be mapped; the message names the line.</summary>
public sealed class LineProtocolException : Exception
{
    public LineProtocolException()
    {
    }

    public LineProtocolException(string message)
        : base(message)
    {
    }

    public LineProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
