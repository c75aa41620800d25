using System.Net;
using System.Net.Sockets;

namespace Telemetry.Cluster.Tests;

/// <summary>Finds TCP ports on 127.0.0.1 that nothing listens on.</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
