namespace Telemetry.Replay.Live;

/// <summary>The cluster could not be reached, or answered a call the replay cannot go on without.</summary>
public sealed class SiloUnreachableException : Exception
{
    public SiloUnreachableException()
    {
    }

    public SiloUnreachableException(string message)
        : base(message)
    {
    }

    public SiloUnreachableException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
