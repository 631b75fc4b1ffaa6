namespace ProcessManager.Contracts.Client;

/// <summary>No daemon answers at the endpoint (socket missing, connection refused, host unreachable).</summary>
public sealed class DaemonUnreachableException : Exception
{
    /// <summary>Creates the exception for an endpoint that could not be reached.</summary>
    public DaemonUnreachableException(PbmEndpoint endpoint, Exception inner)
        : base($"no daemon answers at {endpoint}: {inner.Message}", inner)
    {
        Endpoint = endpoint;
    }

    /// <summary>The endpoint that was tried.</summary>
    public PbmEndpoint Endpoint { get; }
}
