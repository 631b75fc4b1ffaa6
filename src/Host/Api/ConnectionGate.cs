using Microsoft.AspNetCore.Connections;

namespace ProcessManager.Host.Api;

/// <summary>
/// Counts the open connections of one listener (the Unix socket and TCP each have their own gate, so connections on one
/// never take the slots of the other). Connections beyond <c>max-connections</c> are still served one answer, a 503 with
/// Retry-After (see <see cref="ApiMiddleware.Overload"/>), instead of being dropped unanswered; beyond
/// <c>max-connections + overload-connections</c> they are closed at once, the hard cap that bounds resources.
/// </summary>
internal sealed class ConnectionGate
{
    private readonly int _maxConnections;
    private readonly int _hardCap;
    private readonly OverloadedConnection _overloaded;

    /// <summary>Connections open now on this listener.</summary>
    private int _open;

    private readonly RejectionLog? _rejections;

    public ConnectionGate(int maxConnections, int overloadConnections, string setting, RejectionLog? rejections = null)
    {
        _rejections = rejections;
        _overloaded = new OverloadedConnection(maxConnections, setting);
        _maxConnections = maxConnections;
        _hardCap = maxConnections + overloadConnections;
    }

    /// <summary>Connections open now.</summary>
    public int Open => Volatile.Read(ref _open);

    /// <summary>Connections served before the 503s start.</summary>
    public int Capacity => _maxConnections;

    /// <summary>The connection middleware; goes first on its listener, so TLS handshakes count too.</summary>
    public ConnectionDelegate Count(ConnectionDelegate next) => async connection =>
    {
        try
        {
            var open = Interlocked.Increment(ref _open);
            if (open > _hardCap)
            {
                _rejections?.Record("connection", connection.RemoteEndPoint?.ToString() ?? "the Unix socket", $"over {_hardCap} open connections ({_overloaded.Setting} + overload-connections)");

                // Returning without serving closes the connection: no request, no answer, its slot freed at once.
                return;
            }

            if (open > _maxConnections)
            {
                connection.Features.Set(_overloaded);
            }

            await next(connection).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _open);
        }
    };
}
