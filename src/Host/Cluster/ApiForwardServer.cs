using System.Net.Http.Headers;
using System.Net.Sockets;
using Akka.Actor;
using ProcessManager.Actors.Cluster;
using ProcessManager.Actors.Processes.Protocol;

namespace ProcessManager.Host.Cluster;

/// <summary>
/// Makes the requests other nodes forward (<see cref="ForwardedApiRequest"/>, at <see cref="Name"/>) on this daemon's
/// own API, over its Unix socket, and answers with the response as it is (a stream, <see cref="FollowForwardedApi"/>,
/// line by line through an <see cref="ApiStreamForwarder"/>): the request is validated, authorized and
/// answered exactly as a local `pbm` call would be. Cluster members are trusted by their certificate, as they are for
/// the supervisor's commands. The calls run off the mailbox; an answer larger than one cluster message is refused.
/// </summary>
internal sealed class ApiForwardServer : ReceiveActor
{
    /// <summary>The actor's name under /user.</summary>
    public const string Name = "pbm-api-forward";

    /// <summary>Room left in a cluster message for everything but the body.</summary>
    private const long EnvelopeBytes = 64 << 10;

    private static readonly CommandFailed NoSocket = new("its API serves no Unix socket (pbm.api.unix-socket is off), which forwarded requests are made on");

    private readonly HttpClient? _http;

    public ApiForwardServer(string? socketPath, long maxMessageBytes)
    {
        var maxBodyBytes = Math.Max(EnvelopeBytes, maxMessageBytes - EnvelopeBytes);
        _http = socketPath is null ? null : LocalClient(socketPath, maxBodyBytes);
        Receive<ForwardedApiRequest>(request => AnswerAsync(request).PipeTo(Sender));
        var provider = ((ExtendedActorSystem)Context.System).Provider;
        Receive<FollowForwardedApi>(request =>
        {
            var subscriber = provider.ResolveActorRef(request.Subscriber);
            if (_http is null)
            {
                subscriber.Tell(NoSocket);
                return;
            }

            Context.ActorOf(ApiStreamForwarder.Props(_http, request.PathAndQuery, subscriber, maxBodyBytes));
        });
    }

    public static Props Props(string? socketPath, long maxMessageBytes) =>
        Akka.Actor.Props.Create(() => new ApiForwardServer(socketPath, maxMessageBytes));

    protected override void PostStop() => _http?.Dispose();

    private async Task<object> AnswerAsync(ForwardedApiRequest request)
    {
        if (_http is null)
        {
            return NoSocket;
        }

        try
        {
            using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.PathAndQuery);
            if (request.ContentType is not null || request.Body.Length > 0)
            {
                message.Content = new ByteArrayContent(request.Body);
                if (request.ContentType is not null && MediaTypeHeaderValue.TryParse(request.ContentType, out var type))
                {
                    message.Content.Headers.ContentType = type;
                }
            }

            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            return new ForwardedApiResponse((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), body);
        }
        catch (HttpRequestException error) when (error.Message.Contains("buffer", StringComparison.OrdinalIgnoreCase))
        {
            return new CommandFailed("its answer is larger than pbm.cluster.max-message-size");
        }
        catch (Exception error) when (error is HttpRequestException or IOException or SocketException or TaskCanceledException)
        {
            return new CommandFailed($"its API did not answer: {error.Message}");
        }
    }

    private static HttpClient LocalClient(string socketPath, long maxBodyBytes) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (_, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
    })
    {
        BaseAddress = new Uri("http://pbm"),
        MaxResponseContentBufferSize = maxBodyBytes,

        // The asking node's wait bounds the call; a command may legitimately take the API's whole command timeout.
        Timeout = Timeout.InfiniteTimeSpan,
    };
}
