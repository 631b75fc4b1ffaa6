namespace ProcessManager.Actors.Cluster;

/// <summary>
/// A request of `pbm --node NAME` that only NAME's daemon itself can answer (its own lifecycle and statistics, its
/// actor tree, USB, plugins, palettes): sent to NAME's API forward server, which makes it on its own API.
/// Reply: <see cref="ForwardedApiResponse"/>, or <see cref="Processes.Protocol.CommandFailed"/> when it could not be made.
/// </summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="PathAndQuery">Path and query, without the node parameter.</param>
/// <param name="ContentType">The body's content type; null without a body.</param>
/// <param name="Body">The request body, at most the API's request size.</param>
public sealed record ForwardedApiRequest(string Method, string PathAndQuery, string? ContentType, byte[] Body);

/// <summary>The other daemon's answer, relayed to the caller as it is.</summary>
public sealed record ForwardedApiResponse(int StatusCode, string? ContentType, byte[] Body);

/// <summary>
/// A stream of `pbm --node NAME` that only NAME's daemon serves (`pbm top`'s live metrics, `usb follow`): NAME's API
/// forward server opens it on its own API and sends its lines to <paramref name="Subscriber"/>, one at a time, each
/// acknowledged (<see cref="ForwardedApiAck"/>) before the next. Answers: <see cref="ForwardedApiStreamStarted"/> then
/// <see cref="ForwardedApiLine"/>s until the forwarder stops; or the whole <see cref="ForwardedApiResponse"/> when the
/// API refused the stream; or <see cref="Processes.Protocol.CommandFailed"/>.
/// </summary>
/// <param name="PathAndQuery">Path and query, without the node parameter.</param>
/// <param name="Subscriber">The serialized path of the asking node's subscriber.</param>
public sealed record FollowForwardedApi(string PathAndQuery, string Subscriber);

/// <summary>The forwarded stream is open; its forwarder is the sender.</summary>
public sealed record ForwardedApiStreamStarted
{
    public static ForwardedApiStreamStarted Instance { get; } = new();
}

/// <summary>One line (one JSON item) of a forwarded stream.</summary>
public sealed record ForwardedApiLine(string Line);

/// <summary>The subscriber took the last line: the forwarder may send the next.</summary>
public sealed record ForwardedApiAck
{
    public static ForwardedApiAck Instance { get; } = new();
}
