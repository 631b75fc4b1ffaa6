namespace ProcessManager.Host.Api;

/// <summary>Connection feature set only on Unix socket connections; its absence means TCP, which needs a token.</summary>
internal sealed class UnixSocketConnection
{
    public static readonly UnixSocketConnection Instance = new();

    private UnixSocketConnection()
    {
    }
}
