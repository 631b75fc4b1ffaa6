using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace ProcessManager.Contracts.Client;

/// <summary>Where a daemon's API listens: a Unix socket path, or a TCP host and port (optionally TLS).</summary>
public sealed record PbmEndpoint
{
    private PbmEndpoint(string? socketPath, string? host, int port, bool useTls)
    {
        SocketPath = socketPath;
        Host = host;
        Port = port;
        UseTls = useTls;
    }

    /// <summary>Path of the Unix socket, or null for TCP.</summary>
    public string? SocketPath { get; }

    /// <summary>TCP host name or address, or null for a Unix socket.</summary>
    public string? Host { get; }

    /// <summary>TCP port (0 for a Unix socket).</summary>
    public int Port { get; }

    /// <summary>True when TCP traffic is wrapped in TLS (<c>https://HOST:PORT</c>).</summary>
    public bool UseTls { get; }

    /// <summary>True for a Unix socket endpoint.</summary>
    [MemberNotNullWhen(true, nameof(SocketPath))]
    [MemberNotNullWhen(false, nameof(Host))]
    public bool IsUnixSocket => SocketPath is not null;

    /// <summary>A Unix socket endpoint.</summary>
    public static PbmEndpoint Unix(string path) => new(path, null, 0, false);

    /// <summary>A TCP endpoint.</summary>
    public static PbmEndpoint Tcp(string host, int port, bool useTls = false) => new(null, host, port, useTls);

    /// <summary>Parses <c>unix:PATH</c>, <c>HOST:PORT</c>, <c>http://HOST:PORT</c> or <c>https://HOST:PORT</c>.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out PbmEndpoint? endpoint, [NotNullWhen(false)] out string? error)
    {
        endpoint = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "the host is empty; use unix:PATH or HOST:PORT";
            return false;
        }

        if (text.StartsWith("unix:", StringComparison.Ordinal))
        {
            var path = text["unix:".Length..];
            if (path.StartsWith("//", StringComparison.Ordinal))
            {
                path = path[2..];
            }

            if (path.Length == 0)
            {
                error = $"'{text}' names no socket path; use unix:/path/to/pbm.sock";
                return false;
            }

            endpoint = Unix(path);
            return true;
        }

        var useTls = false;
        var rest = text;
        if (rest.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            useTls = true;
            rest = rest["https://".Length..];
        }
        else if (rest.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            rest = rest["http://".Length..];
        }

        rest = rest.TrimEnd('/');
        var colon = rest.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(rest.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            error = $"'{text}' is not a valid host; use unix:PATH or HOST:PORT (port 1-65535)";
            return false;
        }

        var host = rest[..colon].Trim('[', ']');
        endpoint = Tcp(host, port, useTls);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => IsUnixSocket
        ? "unix:" + SocketPath
        : (UseTls ? "https://" : string.Empty) + (Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host) + ":" + Port.ToString(CultureInfo.InvariantCulture);
}
