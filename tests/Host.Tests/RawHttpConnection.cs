using System.Net.Sockets;
using System.Text;

namespace ProcessManager.Host.Tests;

/// <summary>
/// One keep-alive HTTP/1.1 connection to the daemon's Unix socket, read by hand: lets tests hold connections open
/// between requests and see response headers such as Retry-After.
/// </summary>
internal sealed class RawHttpConnection : IDisposable
{
    private readonly NetworkStream _stream;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _buffered;

    private RawHttpConnection(Socket socket)
    {
        _stream = new NetworkStream(socket, ownsSocket: true);
    }

    public static async Task<RawHttpConnection> OpenAsync(string socketPath, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
        return new RawHttpConnection(socket);
    }

    /// <summary>Sends a GET and reads the whole answer (head and a Content-Length body).</summary>
    public async Task<RawResponse> GetAsync(string path, CancellationToken cancellationToken)
    {
        await _stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: pbm\r\n\r\n"), cancellationToken);
        int headEnd;
        while ((headEnd = _buffer.AsSpan(0, _buffered).IndexOf("\r\n\r\n"u8)) < 0)
        {
            await FillAsync(cancellationToken);
        }

        var headLines = Encoding.ASCII.GetString(_buffer, 0, headEnd).Split("\r\n");
        var status = int.Parse(headLines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = headLines.Skip(1)
            .Select(line => line.Split(':', 2))
            .ToDictionary(parts => parts[0].Trim().ToLowerInvariant(), parts => parts[1].Trim());
        var length = headers.TryGetValue("content-length", out var text) ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var total = headEnd + 4 + length;
        while (_buffered < total)
        {
            await FillAsync(cancellationToken);
        }

        var body = Encoding.UTF8.GetString(_buffer, headEnd + 4, length);
        _buffer.AsSpan(total, _buffered - total).CopyTo(_buffer);
        _buffered -= total;
        return new RawResponse(status, headers, body);
    }

    public void Dispose() => _stream.Dispose();

    private async Task FillAsync(CancellationToken cancellationToken)
    {
        var read = await _stream.ReadAsync(_buffer.AsMemory(_buffered), cancellationToken);
        if (read == 0)
        {
            throw new IOException("the daemon closed the connection before answering in full");
        }

        _buffered += read;
    }
}

/// <summary>An answer read by <see cref="RawHttpConnection"/>; header names are lower case.</summary>
internal sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body);
