using Microsoft.AspNetCore.Connections;

namespace ProcessManager.Host.Api;

/// <summary>
/// Closes a connection that has not delivered its first request's headers within <c>header-timeout</c>. Kestrel bounds
/// only later requests' headers (<c>RequestHeadersTimeout</c>); a fresh connection that never sends a byte would be held
/// for its keep-alive timeout of minutes, taking a connection slot for free.
/// </summary>
internal sealed class FirstRequestDeadline : IDisposable
{
    private readonly CancellationTokenSource _timer;
    private readonly CancellationTokenRegistration _abort;

    private FirstRequestDeadline(ConnectionContext connection, TimeSpan timeout)
    {
        _timer = new CancellationTokenSource(timeout);
        _abort = _timer.Token.Register(
            static state => ((ConnectionContext)state!).Abort(new ConnectionAbortedException("no request headers within pbm.api.header-timeout")),
            connection);
    }

    /// <summary>The connection middleware arming the deadline; goes first on each listener.</summary>
    public static Func<ConnectionDelegate, ConnectionDelegate> Arm(TimeSpan timeout) => next => async connection =>
    {
        using var deadline = new FirstRequestDeadline(connection, timeout);
        connection.Features.Set(deadline);
        await next(connection).ConfigureAwait(false);
    };

    /// <summary>A request arrived (its headers were read): the connection has shown it is a client.</summary>
    public void Disarm() => _abort.Unregister();

    public void Dispose()
    {
        _abort.Dispose();
        _timer.Dispose();
    }
}
