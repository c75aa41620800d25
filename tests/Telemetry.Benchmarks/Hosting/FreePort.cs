using System.Net;
using System.Net.Sockets;

namespace Telemetry.Benchmarks.Hosting;

/// <summary>Free TCP ports on 127.0.0.1, so runs never collide with services or other runs on the machine.</summary>
internal static class FreePort
{
    /// <summary>A port the kernel just handed out and released; another process could take it first, which start-up then reports.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
