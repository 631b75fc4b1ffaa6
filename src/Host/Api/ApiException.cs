namespace ProcessManager.Host.Api;

/// <summary>A request the caller can fix: becomes <c>{ "error", "detail" }</c> with <see cref="StatusCode"/>.</summary>
public sealed class ApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ApiException(int statusCode, string error, string? detail = null)
        : base(detail is null ? error : $"{error}: {detail}")
    {
        StatusCode = statusCode;
        Error = error;
        Detail = detail;
    }

    /// <summary>HTTP status.</summary>
    public int StatusCode { get; }

    /// <summary>Short error.</summary>
    public string Error { get; }

    /// <summary>What to do about it.</summary>
    public string? Detail { get; }

    /// <summary>Seconds after which a retry may succeed, sent as <c>Retry-After</c> (for 503s); null sends none.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>404 for an unknown process.</summary>
    public static ApiException UnknownProcess(string name) =>
        new(404, $"unknown process '{name}'", "list processes with 'pbm process list'");

    /// <summary>400 for a name that breaks the naming rule.</summary>
    public static ApiException InvalidName(string what, string name) =>
        new(400, $"invalid {what} name '{name}'", Contracts.ProcessNames.Rule);
}
