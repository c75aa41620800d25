using System.Net;
using System.Net.Sockets;

namespace Telemetry.Silo.Hosting;

/// <summary>
/// Binds the silo's Orleans ports once before the silo starts. Orleans listens with address reuse, so on Linux a
/// second silo on a taken port would start and listen beside the first without a word; this stops start-up with
/// one line naming the setting and the port instead.
/// </summary>
public static class PortPreflight
{
    public static void EnsureFree(ClusterSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        EnsureFree(settings.AdvertisedIp, settings.SiloPort, ClusterSettings.SiloPortKey);
        EnsureFree(settings.AdvertisedIp, settings.GatewayPort, ClusterSettings.GatewayPortKey);
    }

    private static void EnsureFree(IPAddress address, int port, string key)
    {
        // No ReuseAddress: the bind fails whenever anything already listens on the port, reusing or not.
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(address, port));
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
        {
            throw new SettingException($"{key}: port {port} on {address} is not free ({e.SocketErrorCode}); another silo may be using it. Choose a free port.");
        }
    }
}
