namespace ProcessManager.Host.Api;

/// <summary>Connection feature set on connections accepted beyond <c>max-connections</c>: their request gets 503.</summary>
internal sealed class OverloadedConnection
{
    public static readonly OverloadedConnection Instance = new();

    private OverloadedConnection()
    {
    }
}
