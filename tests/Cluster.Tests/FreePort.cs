using System.Net;
using System.Net.Sockets;

namespace ProcessManager.Cluster.Tests;

internal static class FreePort
{
    /// <summary>A port free on every loopback address the test uses (asked of the kernel on 127.0.0.1, then released).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
