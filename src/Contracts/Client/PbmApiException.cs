namespace ProcessManager.Contracts.Client;

/// <summary>The daemon answered with an error status; <see cref="Error"/> and <see cref="Detail"/> come from its JSON body.</summary>
public sealed class PbmApiException : Exception
{
    /// <summary>Creates the exception for an error answer.</summary>
    public PbmApiException(int statusCode, string error, string? detail)
        : base(detail is null ? error : $"{error}: {detail}")
    {
        StatusCode = statusCode;
        Error = error;
        Detail = detail;
    }

    /// <summary>HTTP status code of the answer.</summary>
    public int StatusCode { get; }

    /// <summary>Short error text.</summary>
    public string Error { get; }

    /// <summary>What to do about it, when the daemon said.</summary>
    public string? Detail { get; }

    /// <summary>When a retry may succeed, from the answer's <c>Retry-After</c> (503 at a connection or stream limit); null when not said.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
