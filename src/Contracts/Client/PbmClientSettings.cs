namespace ProcessManager.Contracts.Client;

/// <summary>Bounds of a <see cref="PbmApiClient"/>.</summary>
/// <param name="ConnectTimeout">Longest wait for a connection (default 5 s).</param>
/// <param name="RequestTimeout">Longest wait for a non-streaming answer (default 5 min: applying hundreds of programs takes a while).</param>
/// <param name="MaxResponseBytes">Largest answer or streamed line accepted (default 64 MiB).</param>
public sealed record PbmClientSettings(TimeSpan ConnectTimeout, TimeSpan RequestTimeout, int MaxResponseBytes)
{
    /// <summary>
    /// PEM file of the certificates (CAs, or a daemon's self-signed certificate) trusted for <c>https://</c> endpoints
    /// in addition to the system store; null trusts the system store only. The host name is checked either way.
    /// </summary>
    public string? CaFile { get; init; }

    /// <summary>
    /// The cluster node every request is for (sent as the <c>X-Pbm-Node</c> header): the daemon sends the call on to
    /// that node over the cluster. Null: the daemon itself.
    /// </summary>
    public string? Node { get; init; }

    /// <summary>The defaults.</summary>
    public static PbmClientSettings Default { get; } = new(TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), 64 * 1024 * 1024);
}
