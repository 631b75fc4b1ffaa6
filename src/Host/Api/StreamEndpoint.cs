namespace ProcessManager.Host.Api;

/// <summary>
/// Endpoint metadata marking a long-lived stream (log follow, events): it is exempt from <c>request-timeout</c>
/// and bounded by <c>max-concurrent-streams</c> instead.
/// </summary>
internal sealed class StreamEndpoint
{
    public static readonly StreamEndpoint Instance = new();

    private StreamEndpoint()
    {
    }
}
