using Microsoft.AspNetCore.Connections;

namespace ProcessManager.Host.Api;

/// <summary>
/// Counts the open connections of every listener. Connections beyond <c>max-connections</c> are still served one
/// answer, a 503 with Retry-After (see <see cref="ApiMiddleware.Overload"/>), instead of being dropped unanswered;
/// Kestrel's own connection limit, set <c>overload-connections</c> higher, is the hard cap that bounds resources.
/// </summary>
internal sealed class ConnectionGate
{
    private readonly int _maxConnections;

    /// <summary>Connections open now, over all listeners.</summary>
    private int _open;

    public ConnectionGate(int maxConnections)
    {
        _maxConnections = maxConnections;
    }

    /// <summary>Connections open now.</summary>
    public int Open => Volatile.Read(ref _open);

    /// <summary>The connection middleware; goes first on each listener, so TLS handshakes count too.</summary>
    public ConnectionDelegate Count(ConnectionDelegate next) => async connection =>
    {
        if (Interlocked.Increment(ref _open) > _maxConnections)
        {
            connection.Features.Set(OverloadedConnection.Instance);
        }

        try
        {
            await next(connection).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _open);
        }
    };
}
