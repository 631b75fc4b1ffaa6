using System.Security.Cryptography;
using System.Text;

namespace ProcessManager.Host.Api;

/// <summary>
/// The TCP bearer token: generated into a 0600 file on first start, rotated on request, compared in constant time.
/// </summary>
public sealed class TokenStore
{
    /// <summary>SHA-256 of the current token: comparing fixed-length hashes leaks neither content nor length.</summary>
    private volatile byte[] _tokenHash;

    /// <summary>
    /// Loads the token file, creating it with a fresh token when missing or empty; with <paramref name="enabled"/> false
    /// (TCP off, where no token is needed) it neither reads nor writes the file and accepts no token.
    /// </summary>
    public TokenStore(string tokenFile, bool enabled = true)
    {
        TokenFile = tokenFile;
        Enabled = enabled;
        if (!enabled)
        {
            // A hash no token can have: SHA-256 of a random 64-byte value nobody knows.
            _tokenHash = SHA256.HashData(RandomNumberGenerator.GetBytes(64));
            return;
        }

        var existing = File.Exists(tokenFile) ? File.ReadAllText(tokenFile).Trim() : string.Empty;
        if (existing.Length == 0)
        {
            existing = Generate();
            WriteAtomically(tokenFile, existing);
        }

        _tokenHash = Hash(existing);
    }

    /// <summary>Where the token lives.</summary>
    public string TokenFile { get; }

    /// <summary>False when TCP is off: there is no token and no token file.</summary>
    public bool Enabled { get; }

    /// <summary>True when <paramref name="presented"/> is the current token.</summary>
    public bool Verify(ReadOnlySpan<char> presented)
    {
        var hash = Hash(presented.Trim());
        return CryptographicOperations.FixedTimeEquals(hash, _tokenHash);
    }

    /// <summary>Writes a new token to the file and makes it the only valid one.</summary>
    /// <exception cref="InvalidOperationException">TCP is off: no token is used, so none is written.</exception>
    public void Rotate()
    {
        if (!Enabled)
        {
            throw new InvalidOperationException("TCP is off (pbm.api.tcp.enabled): no token is used, so none is written");
        }

        var token = Generate();
        WriteAtomically(TokenFile, token);
        _tokenHash = Hash(token);
    }

    private static string Generate() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Hash(ReadOnlySpan<char> token)
    {
        Span<byte> utf8 = stackalloc byte[Encoding.UTF8.GetMaxByteCount(Math.Min(token.Length, 512))];
        var length = Encoding.UTF8.GetBytes(token[..Math.Min(token.Length, 512)], utf8);
        return SHA256.HashData(utf8[..length]);
    }

    private static void WriteAtomically(string path, string token)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Actors.Os.PrivateDirectory.Create(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        var options = new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        using (var stream = new FileStream(temp, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(token);
            writer.Write('\n');
        }

        File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temp, path, overwrite: true);
    }
}
