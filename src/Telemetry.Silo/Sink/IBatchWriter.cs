namespace Telemetry.Silo.Sink;

/// <summary>Sends one batch of line-protocol points (newline-separated, nanosecond timestamps); never throws for a failed write.</summary>
public interface IBatchWriter
{
    Task<WriteOutcome> WriteAsync(string lines, CancellationToken cancellationToken);
}
