namespace ProcessManager.Host.Api;

/// <summary>The API server's settings (HOCON <c>pbm.api</c>); every limit is bounded and has a default.</summary>
public sealed record ApiSettings
{
    /// <summary>Unix socket path (<c>unix-socket.path</c>); default <c>$PBM_HOME/pbm.sock</c>.</summary>
    public string? UnixSocketPath { get; init; }

    /// <summary>Unix socket file mode (<c>unix-socket.mode</c>); default 0600.</summary>
    public UnixFileMode UnixSocketMode { get; init; } = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Serve on TCP too (<c>tcp.enabled</c>); default off. TCP callers need the bearer token.</summary>
    public bool TcpEnabled { get; init; }

    /// <summary>TCP bind address (<c>tcp.bind</c>); default 127.0.0.1.</summary>
    public string TcpBind { get; init; } = "127.0.0.1";

    /// <summary>TCP port (<c>tcp.port</c>); default 7878; 0 picks a free port.</summary>
    public int TcpPort { get; init; } = 7878;

    /// <summary>Bearer token file (<c>tcp.token-file</c>); default <c>$PBM_HOME/api.token</c>, mode 0600.</summary>
    public string? TokenFile { get; init; }

    /// <summary>PEM certificate for TLS on TCP (<c>tcp.tls.certificate</c>); TLS is off when unset.</summary>
    public string? TlsCertificate { get; init; }

    /// <summary>PEM private key for <see cref="TlsCertificate"/> (<c>tcp.tls.key</c>).</summary>
    public string? TlsKey { get; init; }

    /// <summary>Most open connections (<c>max-connections</c>); default 256.</summary>
    public int MaxConnections { get; init; } = 256;

    /// <summary>Largest request body in bytes (<c>max-request-size</c>); default 1 MiB.</summary>
    public long MaxRequestSize { get; init; } = 1024 * 1024;

    /// <summary>Most concurrent follow/event streams (<c>max-concurrent-streams</c>); default 64.</summary>
    public int MaxConcurrentStreams { get; init; } = 64;

    /// <summary>Most request latencies kept for percentiles; default 4096.</summary>
    public int LatencySamples { get; init; } = 4096;

    /// <summary>Checks the values and names the offending setting.</summary>
    public void Validate()
    {
        if (MaxConnections < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxConnections), MaxConnections, "pbm.api.max-connections must be at least 1");
        }

        if (MaxRequestSize < 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRequestSize), MaxRequestSize, "pbm.api.max-request-size must be at least 1024 bytes");
        }

        if (MaxConcurrentStreams < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxConcurrentStreams), MaxConcurrentStreams, "pbm.api.max-concurrent-streams must be at least 1");
        }

        if (TcpPort is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(TcpPort), TcpPort, "pbm.api.tcp.port must be 0-65535");
        }

        if ((TlsCertificate is null) != (TlsKey is null))
        {
            throw new ArgumentException("pbm.api.tcp.tls needs both certificate and key", nameof(TlsCertificate));
        }

        if (LatencySamples < 16)
        {
            throw new ArgumentOutOfRangeException(nameof(LatencySamples), LatencySamples, "latency samples must be at least 16");
        }
    }
}
