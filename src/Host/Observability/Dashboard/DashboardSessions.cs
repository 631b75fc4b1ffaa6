using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace ProcessManager.Host.Observability.Dashboard;

/// <summary>
/// Dashboard sessions (the cookie's random id -> its CSRF token and expiry) and the one-time login codes of
/// <c>pbm dashboard</c>. Both are bounded (the oldest gives way) and expire; only SHA-256 hashes of ids and codes are
/// kept as keys, so the tables never hold a usable credential.
/// </summary>
internal sealed class DashboardSessions
{
    private readonly ObservabilitySettings _settings;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, DashboardSession> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _codes = new(StringComparer.Ordinal);
    private readonly Lock _admission = new();

    public DashboardSessions(ObservabilitySettings settings, TimeProvider? time = null)
    {
        _settings = settings;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Sessions held now (expired ones included until the next login sweeps them).</summary>
    public int Count => _sessions.Count;

    /// <summary>A new session; the cookie carries <c>Id</c>, the page sends <c>Csrf</c> with every change.</summary>
    public (string Id, DashboardSession Session) Create()
    {
        var now = _time.GetUtcNow();
        var id = NewSecret();
        var session = new DashboardSession(NewSecret(), now, now + _settings.SessionLifetime);
        lock (_admission)
        {
            Sweep(_sessions, s => s.ExpiresAt, now);
            while (_sessions.Count >= _settings.MaxSessions && _sessions.MinBy(p => p.Value.CreatedAt) is { Key: { } oldest })
            {
                _sessions.TryRemove(oldest, out _);
            }

            _sessions[Hash(id)] = session;
        }

        return (id, session);
    }

    /// <summary>The live session of cookie value <paramref name="id"/>, or null.</summary>
    public DashboardSession? Find(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 128 || !_sessions.TryGetValue(Hash(id), out var session))
        {
            return null;
        }

        if (session.ExpiresAt <= _time.GetUtcNow())
        {
            _sessions.TryRemove(Hash(id), out _);
            return null;
        }

        return session;
    }

    public void End(string? id)
    {
        if (!string.IsNullOrEmpty(id) && id.Length <= 128)
        {
            _sessions.TryRemove(Hash(id), out _);
        }
    }

    /// <summary>Ends every session (the API token was rotated: whoever logged in with the old one is logged out).</summary>
    public void Clear() => _sessions.Clear();

    /// <summary>A single-use code valid for <c>login-code-lifetime</c>.</summary>
    public (string Code, DateTimeOffset ExpiresAt) IssueCode()
    {
        var now = _time.GetUtcNow();
        var code = NewSecret();
        var expires = now + _settings.LoginCodeLifetime;
        lock (_admission)
        {
            Sweep(_codes, e => e, now);
            while (_codes.Count >= _settings.MaxLoginCodes && _codes.MinBy(p => p.Value) is { Key: { } oldest })
            {
                _codes.TryRemove(oldest, out _);
            }

            _codes[Hash(code)] = expires;
        }

        return (code, expires);
    }

    /// <summary>True once for a valid code: it is removed whether or not it had expired.</summary>
    public bool Redeem(string? code) =>
        !string.IsNullOrEmpty(code) && code.Length <= 128 && _codes.TryRemove(Hash(code), out var expires) && expires > _time.GetUtcNow();

    /// <summary>True when <paramref name="presented"/> is the session's CSRF token (compared in constant time).</summary>
    public static bool CsrfMatches(DashboardSession session, string? presented) =>
        presented is { Length: > 0 and <= 128 } && CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)),
            SHA256.HashData(Encoding.UTF8.GetBytes(session.Csrf)));

    private static void Sweep<T>(ConcurrentDictionary<string, T> table, Func<T, DateTimeOffset> expiry, DateTimeOffset now)
    {
        foreach (var (key, value) in table)
        {
            if (expiry(value) <= now)
            {
                table.TryRemove(key, out _);
            }
        }
    }

    private static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}

/// <summary>One logged-in browser.</summary>
internal sealed record DashboardSession(string Csrf, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);
