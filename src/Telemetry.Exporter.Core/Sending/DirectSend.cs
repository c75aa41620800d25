namespace Telemetry.Exporter.Sending;

/// <summary>A body a node is sending straight to the servers; whoever settles it first (the send or a hand-over to the spool) owns it.</summary>
/// <param name="Request">The body and its first server.</param>
/// <param name="Samples">GPU samples in it.</param>
/// <param name="Cancel">Stops the send when the body is handed over to the spool.</param>
public sealed record DirectSend(SendRequest Request, int Samples, CancellationTokenSource Cancel);
