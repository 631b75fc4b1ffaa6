using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ProcessManager.Host.Api;

/// <summary>The request pipeline around every endpoint: latency, error mapping (never a stack trace), TCP authentication.</summary>
internal static partial class ApiMiddleware
{
    public static RequestDelegate Errors(RequestDelegate next, ApiContext api) => async context =>
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (ApiException ex) when (!context.Response.HasStarted)
        {
            await ApiHttp.WriteErrorAsync(context, ex.StatusCode, ex.Error, ex.Detail).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            var detail = ex.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? $"the request body is larger than {api.Settings.MaxRequestSize} bytes (pbm.api.max-request-size)"
                : ex.Message;
            await ApiHttp.WriteErrorAsync(context, ex.StatusCode, "bad request", detail).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The caller went away; nobody is left to answer.
        }
        catch (Exception ex) when (!context.Response.HasStarted)
        {
            LogUnhandled(api.Logger, ex, context.Request.Method, context.Request.Path);
            await ApiHttp.WriteErrorAsync(context, StatusCodes.Status500InternalServerError, "internal error", "the daemon log has the details").ConfigureAwait(false);
        }
        finally
        {
            api.Counters.Latency.Record(Stopwatch.GetElapsedTime(started));
        }
    };

    public static RequestDelegate Authentication(RequestDelegate next, ApiContext api) => async context =>
    {
        if (IsUnixSocket(context))
        {
            // Callers on the Unix socket were admitted by its file mode.
            await next(context).ConfigureAwait(false);
            return;
        }

        var header = context.Request.Headers.Authorization.ToString();
        const string Scheme = "Bearer ";
        if (header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) && api.Tokens.Verify(header.AsSpan(Scheme.Length)))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        LogRejected(api.Logger, context.Connection.RemoteIpAddress?.ToString() ?? "?", context.Request.Method, context.Request.Path, header.Length == 0 ? "no token" : "wrong token");
        context.Response.Headers.WWWAuthenticate = "Bearer";
        await ApiHttp.WriteErrorAsync(
            context,
            StatusCodes.Status401Unauthorized,
            "unauthorized",
            header.Length == 0
                ? "TCP callers need a bearer token: pbm --token-file FILE (the daemon writes it to $PBM_HOME/api.token)"
                : "the token is not valid (it may have been rotated); read the current one from the token file").ConfigureAwait(false);
    };

    private static bool IsUnixSocket(HttpContext context) => context.Features.Get<UnixSocketConnection>() is not null;

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error in {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected unauthenticated API request from {Remote}: {Method} {Path} ({Reason})")]
    private static partial void LogRejected(ILogger logger, string remote, string method, string path, string reason);
}
