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
