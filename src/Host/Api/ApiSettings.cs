namespace ProcessManager.Host.Api;

/// <summary>The API server's settings (HOCON <c>pbm.api</c>); every limit is bounded and has the default of reference.conf.</summary>
public sealed record ApiSettings
{
    /// <summary>Serve on the Unix socket (<c>unix-socket.enabled</c>); default on. Off needs <see cref="TcpEnabled"/>.</summary>
    public bool UnixSocketEnabled { get; init; } = true;

    /// <summary>Unix socket path (<c>unix-socket.path</c>); default <c>$PBM_HOME/pbm.sock</c>.</summary>
    public string? UnixSocketPath { get; init; }

    /// <summary>Unix socket file mode (<c>unix-socket.mode</c>); default 0600.</summary>
    public UnixFileMode UnixSocketMode { get; init; } = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Serve on TCP too (<c>tcp.enabled</c>); default off. TCP callers need the bearer token.</summary>
    public bool TcpEnabled { get; init; }

    /// <summary>TCP bind address (<c>tcp.bind</c>): an IP address, <c>localhost</c> or <c>*</c>; default 127.0.0.1.</summary>
    public string TcpBind { get; init; } = "127.0.0.1";

    /// <summary>TCP port (<c>tcp.port</c>); default 7300; 0 picks a free port.</summary>
    public int TcpPort { get; init; } = 7300;

    /// <summary>Bearer token file (<c>tcp.token-file</c>); default <c>$PBM_HOME/api.token</c>, mode 0600.</summary>
    public string? TokenFile { get; init; }

    /// <summary>
    /// Certificate for TLS on TCP (<c>tcp.tls.certificate</c>): a PEM file (with <see cref="TlsKey"/>, or holding the key
    /// itself) or a PKCS#12 file (<c>.pfx</c>/<c>.p12</c>); TLS is off when unset.
    /// </summary>
    public string? TlsCertificate { get; init; }

    /// <summary>PEM private key for <see cref="TlsCertificate"/> (<c>tcp.tls.key</c>); unset when the certificate file holds it.</summary>
    public string? TlsKey { get; init; }

    /// <summary>Password of an encrypted PEM key or of a PKCS#12 file (<c>tcp.tls.password</c>); unset when not encrypted.</summary>
    public string? TlsPassword { get; init; }

    /// <summary>Most open connections served on the Unix socket (<c>max-connections</c>); default 64.</summary>
    public int MaxConnections { get; init; } = 64;

    /// <summary>
    /// Unix socket connections beyond <see cref="MaxConnections"/> still accepted, only to be answered 503 with Retry-After
    /// (<c>overload-connections</c>); default 16. Beyond both, new connections are closed unanswered.
    /// </summary>
    public int OverloadConnections { get; init; } = 16;

    /// <summary>
    /// Most open connections served on TCP (<c>tcp.max-connections</c>); default 32. Counted apart from the Unix socket,
    /// so connections from the network never lock local callers out.
    /// </summary>
    public int TcpMaxConnections { get; init; } = 32;

    /// <summary>TCP connections beyond <see cref="TcpMaxConnections"/> answered 503 (<c>tcp.overload-connections</c>); default 8.</summary>
    public int TcpOverloadConnections { get; init; } = 8;

    /// <summary>
    /// Longest a connection may take to send a request's headers, and a TLS client its handshake (<c>header-timeout</c>);
    /// default 5 s, 100 ms to 5 min. A connection that sends nothing in time is closed, so idle connections cannot hold slots.
    /// </summary>
    public TimeSpan HeaderTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often Kestrel checks its connections' timeouts and refreshes the Date header (<c>heartbeat-interval</c>);
    /// default 5 s, 1 s to 1 min. Kestrel's own is 1 s; each beat wakes the daemon, connections or not.
    /// </summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Rejected requests (bad or missing token, over a connection limit) are logged one in full per this interval, the
    /// rest counted in one line when it ends (<c>rejected-log-interval</c>); default 60 s, 100 ms to 1 h.
    /// </summary>
    public TimeSpan RejectedLogInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest a query (GET) may take before it is answered 504 (<c>request-timeout</c>); default 30 s. Streams are exempt.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Longest a command (POST, DELETE: start, stop, apply...) may take before it is answered 504 (<c>command-timeout</c>);
    /// default 4 min, under pbm's own 5 min wait, since stopping programs waits for their stop timeouts.
    /// </summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromMinutes(4);

    /// <summary>Largest request body in bytes (<c>max-request-size</c>); default 1 MiB.</summary>
    public long MaxRequestSize { get; init; } = 1024 * 1024;

    /// <summary>Most concurrent follow/event streams (<c>max-concurrent-streams</c>); default 32.</summary>
    public int MaxConcurrentStreams { get; init; } = 32;

    /// <summary>
    /// Process events buffered for each events subscriber that reads slower than they happen (<c>event-buffer</c>);
    /// default 1024, 16 to 1,048,576. When it is full the oldest event is dropped and counted in the memory stats.
    /// </summary>
    public int EventBuffer { get; init; } = 1024;

    /// <summary>Most request latencies kept for percentiles (<c>latency-samples</c>); default 4096.</summary>
    public int LatencySamples { get; init; } = 4096;

    /// <summary>Checks the values and names the offending setting.</summary>
    public void Validate()
    {
        if (MaxConnections < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxConnections), MaxConnections, "pbm.api.max-connections must be at least 1");
        }

        if (OverloadConnections < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(OverloadConnections), OverloadConnections, "pbm.api.overload-connections must be 0 or more");
        }

        if (TcpMaxConnections < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(TcpMaxConnections), TcpMaxConnections, "pbm.api.tcp.max-connections must be at least 1");
        }

        if (TcpOverloadConnections < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(TcpOverloadConnections), TcpOverloadConnections, "pbm.api.tcp.overload-connections must be 0 or more");
        }

        if (HeaderTimeout < TimeSpan.FromMilliseconds(100) || HeaderTimeout > TimeSpan.FromMinutes(5))
        {
            throw new ArgumentOutOfRangeException(nameof(HeaderTimeout), HeaderTimeout, "pbm.api.header-timeout must be 100ms-5m");
        }

        if (HeartbeatInterval < TimeSpan.FromSeconds(1) || HeartbeatInterval > TimeSpan.FromMinutes(1))
        {
            throw new ArgumentOutOfRangeException(nameof(HeartbeatInterval), HeartbeatInterval, "pbm.api.heartbeat-interval must be 1s-1m");
        }

        if (RejectedLogInterval < TimeSpan.FromMilliseconds(100) || RejectedLogInterval > TimeSpan.FromHours(1))
        {
            throw new ArgumentOutOfRangeException(nameof(RejectedLogInterval), RejectedLogInterval, "pbm.api.rejected-log-interval must be 100ms-1h");
        }

        if (RequestTimeout <= TimeSpan.Zero || RequestTimeout > TimeSpan.FromDays(1))
        {
            throw new ArgumentOutOfRangeException(nameof(RequestTimeout), RequestTimeout, "pbm.api.request-timeout must be more than 0 and at most 1d");
        }

        if (CommandTimeout <= TimeSpan.Zero || CommandTimeout > TimeSpan.FromDays(1))
        {
            throw new ArgumentOutOfRangeException(nameof(CommandTimeout), CommandTimeout, "pbm.api.command-timeout must be more than 0 and at most 1d");
        }

        if (MaxRequestSize < 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRequestSize), MaxRequestSize, "pbm.api.max-request-size must be at least 1024 bytes");
        }

        if (MaxConcurrentStreams < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxConcurrentStreams), MaxConcurrentStreams, "pbm.api.max-concurrent-streams must be at least 1");
        }

        if (!UnixSocketEnabled && !TcpEnabled)
        {
            throw new ArgumentException("pbm.api.unix-socket.enabled = off needs pbm.api.tcp.enabled = on, or nothing serves the API", nameof(UnixSocketEnabled));
        }

        if (TcpBind is not ("localhost" or "*") && !System.Net.IPAddress.TryParse(TcpBind, out _))
        {
            throw new ArgumentException($"pbm.api.tcp.bind must be an IP address, \"localhost\" or \"*\", not '{TcpBind}'", nameof(TcpBind));
        }

        if (TcpPort is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(TcpPort), TcpPort, "pbm.api.tcp.port must be 0-65535");
        }

        if (TlsCertificate is null && (TlsKey is not null || TlsPassword is not null))
        {
            throw new ArgumentException("pbm.api.tcp.tls.key and .password need pbm.api.tcp.tls.certificate", nameof(TlsCertificate));
        }

        if (EventBuffer is < 16 or > 1024 * 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(EventBuffer), EventBuffer, "pbm.api.event-buffer must be 16-1048576 events");
        }

        if (LatencySamples < 16)
        {
            throw new ArgumentOutOfRangeException(nameof(LatencySamples), LatencySamples, "latency samples must be at least 16");
        }
    }
}
