using System.Net.Sockets;
using System.Text;

/// <summary>The runtime alone: accept on the Unix socket and answer every request with a fixed 200.</summary>
internal static class HandWrittenServer
{
    private static readonly byte[] Answer = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok");

    public static async Task ServeAsync(string path)
    {
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(16);
        while (true)
        {
            using var client = await listener.AcceptAsync();
            var buffer = new byte[4096];
            await client.ReceiveAsync(buffer);
            await client.SendAsync(Answer);
        }
    }
}
