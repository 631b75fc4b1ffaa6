namespace ProcessManager.Host.Observability.Dashboard;

/// <summary>
/// Failed dashboard logins counted per caller address in a fixed window: after <c>login-attempts</c> failures an
/// address is refused until its window ends, so the token cannot be guessed at line rate and the log is not flooded.
/// The table is bounded (<c>login-tracked-addresses</c>): when full, the address whose window started first gives way.
/// </summary>
internal sealed class LoginThrottle
{
    private readonly int _attempts;
    private readonly TimeSpan _window;
    private readonly int _capacity;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _refused;

    public LoginThrottle(ObservabilitySettings settings, TimeProvider? time = null)
    {
        _attempts = settings.LoginAttempts;
        _window = settings.LoginWindow;
        _capacity = settings.LoginTrackedAddresses;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Logins refused because their address had used up its attempts, since start.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Addresses tracked now.</summary>
    public int Tracked
    {
        get
        {
            lock (_gate)
            {
                return _windows.Count;
            }
        }
    }

    /// <summary>Null when <paramref name="address"/> may try to log in; otherwise how long until it may.</summary>
    public TimeSpan? RetryAfter(string address)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (_windows.TryGetValue(address, out var window) && now < window.Ends && window.Failures >= _attempts)
            {
                Interlocked.Increment(ref _refused);
                return window.Ends - now;
            }

            return null;
        }
    }

    /// <summary>Counts a failed login. Returns true for the failure that used up the address's attempts.</summary>
    public bool Failed(string address)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (!_windows.TryGetValue(address, out var window) || now >= window.Ends)
            {
                MakeRoom(now);
                window = new Window(now + _window, 0);
            }

            window = window with { Failures = window.Failures + 1 };
            _windows[address] = window;
            return window.Failures == _attempts;
        }
    }

    /// <summary>A successful login clears the address's failures.</summary>
    public void Succeeded(string address)
    {
        lock (_gate)
        {
            _windows.Remove(address);
        }
    }

    private void MakeRoom(DateTimeOffset now)
    {
        if (_windows.Count < _capacity)
        {
            return;
        }

        foreach (var (address, window) in _windows.Where(p => now >= p.Value.Ends).ToList())
        {
            _windows.Remove(address);
        }

        while (_windows.Count >= _capacity && _windows.MinBy(p => p.Value.Ends) is { Key: { } oldest })
        {
            _windows.Remove(oldest);
        }
    }

    private readonly record struct Window(DateTimeOffset Ends, int Failures);
}
