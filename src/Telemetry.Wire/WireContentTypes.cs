namespace Telemetry.Wire;

/// <summary>Media types of the ingest wire format.</summary>
public static class WireContentTypes
{
    /// <summary>The registered name exporters should send.</summary>
    public const string MessagePack = "application/x-msgpack";

    /// <summary>Accepted as a synonym.</summary>
    public const string VndMessagePack = "application/vnd.msgpack";

    /// <summary>Format version this server speaks.</summary>
    public const int FormatVersion = 1;
}
