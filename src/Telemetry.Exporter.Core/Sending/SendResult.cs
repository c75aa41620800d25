namespace Telemetry.Exporter.Sending;

/// <summary>The end of sending one body.</summary>
/// <param name="Outcome">Accepted, rejected or cancelled.</param>
/// <param name="Server">Index of the server that answered last; the node sticks to it.</param>
/// <param name="Attempts">HTTP attempts made, including the last.</param>
public readonly record struct SendResult(SendOutcome Outcome, int Server, int Attempts);
