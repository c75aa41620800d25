namespace Telemetry.Wire;

/// <summary>
/// Internal signal that a report broke the contract. The MessagePack reader already reports malformed
/// input by throwing, so rule violations travel the same way to the one place that turns both into a
/// <see cref="WireError"/>; a rejected body throws once, which costs little next to its HTTP request.
/// </summary>
internal sealed class WireFormatException(string code, string message) : Exception(message)
{
    /// <summary>One of <see cref="WireErrorCodes"/>.</summary>
    public string Code { get; } = code;
}
