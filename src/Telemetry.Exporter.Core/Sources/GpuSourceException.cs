namespace Telemetry.Exporter.Sources;

/// <summary>A source cannot read the GPUs; the message says what is wrong and what to do, in one line.</summary>
public sealed class GpuSourceException : Exception
{
    public GpuSourceException()
    {
    }

    public GpuSourceException(string message)
        : base(message)
    {
    }

    public GpuSourceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
