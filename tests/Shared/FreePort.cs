using System.Net;
using System.Net.Sockets;

namespace Telemetry.Testing;

/// <summary>
/// Ports on 127.0.0.1 for servers the tests start. They come from below Linux's ephemeral range
/// (32768–60999), which the kernel hands to outgoing connections: a port picked there could be taken by
/// some client socket between picking it and the server binding it. Each is checked free by binding it.
/// </summary>
internal static class FreePort
{
    private const int First = 20_000;
    private const int Last = 32_000;

    // A random start, so test processes that run one after another do not walk the same ports.
    private static int _next = First + Random.Shared.Next(Last - First);

    public static int Next()
    {
        for (var attempt = 0; attempt < Last - First; attempt++)
        {
            var port = First + ((Interlocked.Increment(ref _next) - First) % (Last - First));
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
            }
        }

        throw new InvalidOperationException($"no free port on 127.0.0.1 between {First} and {Last}");
    }
}
