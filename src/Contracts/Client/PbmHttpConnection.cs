using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;

namespace ProcessManager.Contracts.Client;

/// <summary>One request over one connection (Connection: close): connect, send, then read the answer.</summary>
internal sealed class PbmHttpConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly Stream _stream;

    private PbmHttpConnection(Socket socket, Stream stream)
    {
        _socket = socket;
        _stream = stream;
        Response = new HttpResponseReader(stream);
    }

    public HttpResponseReader Response { get; }

    public static async Task<PbmHttpConnection> OpenAsync(
        PbmEndpoint endpoint, TimeSpan connectTimeout, RemoteCertificateValidationCallback? validateCertificate, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(connectTimeout);
        var socket = endpoint.IsUnixSocket
            ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
            : new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (endpoint.IsUnixSocket)
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(endpoint.SocketPath), timeout.Token).ConfigureAwait(false);
            }
            else
            {
                await socket.ConnectAsync(endpoint.Host, endpoint.Port, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new DaemonUnreachableException(endpoint, ex switch
            {
                OperationCanceledException => new TimeoutException($"connecting took longer than {connectTimeout.TotalSeconds:0.#} s"),

                // Linux answers a missing socket file with ENOENT, which .NET reports as "Cannot assign requested address".
                SocketException when endpoint.IsUnixSocket && !File.Exists(endpoint.SocketPath) => new FileNotFoundException("the socket file does not exist", endpoint.SocketPath, ex),
                SocketException when endpoint.IsUnixSocket => new IOException($"{ex.Message}; the socket file is there but no daemon listens on it", ex),
                _ => ex,
            });
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        Stream stream = new NetworkStream(socket, ownsSocket: false);
        if (endpoint.UseTls)
        {
            var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
            try
            {
                var options = new SslClientAuthenticationOptions { TargetHost = endpoint.Host, RemoteCertificateValidationCallback = validateCertificate };
                await ssl.AuthenticateAsClientAsync(options, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                await ssl.DisposeAsync().ConfigureAwait(false);
                socket.Dispose();
                if (ex is AuthenticationException)
                {
                    throw new AuthenticationException(
                        $"TLS with {endpoint} failed: {ex.Message} (the daemon's certificate must match the host name and be trusted by the system store or a given CA file)", ex);
                }

                throw;
            }

            stream = ssl;
        }

        return new PbmHttpConnection(socket, stream);
    }

    public async Task SendAsync(string method, string pathAndQuery, string? bearerToken, byte[]? jsonBody, CancellationToken cancellationToken, string? node = null)
    {
        var head = new StringBuilder(256)
            .Append(method).Append(' ').Append(pathAndQuery).Append(" HTTP/1.1\r\n")
            .Append("Host: pbm\r\nConnection: close\r\nAccept: application/json\r\nUser-Agent: pbm\r\n");
        if (bearerToken is not null)
        {
            head.Append("Authorization: Bearer ").Append(bearerToken).Append("\r\n");
        }

        if (node is not null)
        {
            head.Append("X-Pbm-Node: ").Append(node).Append("\r\n");
        }

        if (jsonBody is not null)
        {
            head.Append("Content-Type: application/json\r\nContent-Length: ").Append(jsonBody.Length).Append("\r\n");
        }
        else if (method is "POST" or "PUT")
        {
            head.Append("Content-Length: 0\r\n");
        }

        head.Append("\r\n");
        var headBytes = Encoding.ASCII.GetBytes(head.ToString());
        try
        {
            if (jsonBody is null)
            {
                await _stream.WriteAsync(headBytes, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var all = new byte[headBytes.Length + jsonBody.Length];
                headBytes.CopyTo(all, 0);
                jsonBody.CopyTo(all, headBytes.Length);
                await _stream.WriteAsync(all, cancellationToken).ConfigureAwait(false);
            }

            await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException writeError)
        {
            // The daemon may refuse a request before reading all of it (413 for a body over its size limit) and
            // close: its answer is already on the way, and it says more than "broken pipe".
            try
            {
                await Response.ReadHeadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception readError) when (readError is IOException or OperationCanceledException)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(writeError).Throw();
            }

            return;
        }

        await Response.ReadHeadAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        Response.Dispose();
        await _stream.DisposeAsync().ConfigureAwait(false);
        _socket.Dispose();
    }
}
