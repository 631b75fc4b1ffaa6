using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ProcessManager.Host.Api;

/// <summary>
/// The request pipeline around every endpoint: latency, error mapping (never a stack trace), connection overload,
/// TCP authentication and the request timeout.
/// </summary>
internal static partial class ApiMiddleware
{
    public static RequestDelegate Errors(RequestDelegate next, ApiContext api) => async context =>
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context).ConfigureAwait(false);
            if (!context.Response.HasStarted && context.Response.StatusCode >= 400)
            {
                // An error the framework answered with no body (405 from routing, for one): give it our shape too.
                await WriteStatusErrorAsync(context).ConfigureAwait(false);
            }
        }
        catch (ApiException ex) when (!context.Response.HasStarted)
        {
            if (ex.RetryAfterSeconds is { } seconds)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            }

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
            api.Observability?.Metrics.RecordRequest(Observability.Metrics.RequestRoute.Of(context), Observability.Metrics.RequestRoute.Method(context), context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    };

    /// <summary>A connection accepted beyond its listener's <c>max-connections</c> gets one 503 and is closed, freeing its slot.</summary>
    public static RequestDelegate Overload(RequestDelegate next, ApiContext api) => context =>
    {
        // Headers are in: this connection sent a request, so the first-request deadline no longer applies.
        context.Features.Get<FirstRequestDeadline>()?.Disarm();
        if (context.Features.Get<OverloadedConnection>() is not { } overloaded)
        {
            return next(context);
        }

        Reject(api, context, $"{context.Request.Method} {context.Request.Path} answered 503: {overloaded.MaxConnections} connections are open ({overloaded.Setting})");
        context.Response.Headers.Connection = "close";
        throw new ApiException(
            StatusCodes.Status503ServiceUnavailable,
            "the daemon is serving its maximum number of connections",
            $"at most {overloaded.MaxConnections} connections are served at once ({overloaded.Setting}); retry shortly or close idle connections")
        {
            RetryAfterSeconds = 1,
        };
    };

    /// <summary>
    /// Queries are cancelled after <c>request-timeout</c> and commands after <c>command-timeout</c>, then answered 504;
    /// streams are exempt. Runs after routing, which tells streams apart by their <see cref="StreamEndpoint"/> metadata.
    /// </summary>
    public static RequestDelegate Timeout(RequestDelegate next, ApiContext api) => async context =>
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<StreamEndpoint>() is not null)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        // Commands wait for programs to start or stop within their own timeouts, so they get the longer bound.
        var (timeout, setting, consequence) = HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
            ? (api.Settings.RequestTimeout, "pbm.api.request-timeout", "see the daemon log")
            : (api.Settings.CommandTimeout, "pbm.api.command-timeout", "it may still complete; check with 'pbm process list'");
        var aborted = context.RequestAborted;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        deadline.CancelAfter(timeout);
        context.RequestAborted = deadline.Token;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !aborted.IsCancellationRequested)
        {
            LogTimedOut(api.Logger, context.Request.Method, context.Request.Path, timeout, setting);
            throw new ApiException(
                StatusCodes.Status504GatewayTimeout,
                "the daemon did not answer in time",
                $"{context.Request.Method} {context.Request.Path} took longer than {timeout} ({setting}); {consequence}");
        }
        finally
        {
            context.RequestAborted = aborted;
        }
    };

    public static RequestDelegate Authentication(RequestDelegate next, ApiContext api) => async context =>
    {
        if (IsUnixSocket(context) || context.Features.Get<Observability.Dashboard.AdmittedRequest>() is not null)
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

        Reject(api, context, $"{context.Request.Method} {context.Request.Path} ({(header.Length == 0 ? "no token" : "wrong token")})", "unauthenticated API request");
        context.Response.Headers.WWWAuthenticate = "Bearer";

        // A refused caller does not keep its connection: it would hold a slot for the keep-alive timeout.
        context.Response.Headers.Connection = "close";
        await ApiHttp.WriteErrorAsync(
            context,
            StatusCodes.Status401Unauthorized,
            "unauthorized",
            header.Length == 0
                ? "TCP callers need a bearer token: pbm --token-file FILE (the daemon writes it to $PBM_HOME/api.token)"
                : "the token is not valid (it may have been rotated); read the current one from the token file").ConfigureAwait(false);
    };

    private static void Reject(ApiContext api, HttpContext context, string detail, string what = "API request")
    {
        var remote = IsUnixSocket(context) ? "the Unix socket" : context.Connection.RemoteIpAddress?.ToString() ?? "?";
        if (api.Rejections is { } rejections)
        {
            rejections.Record(what, remote, detail);
        }
    }

    private static bool IsUnixSocket(HttpContext context) => context.Features.Get<UnixSocketConnection>() is not null;

    private static Task WriteStatusErrorAsync(HttpContext context)
    {
        var status = context.Response.StatusCode;
        var request = $"{context.Request.Method} {context.Request.Path}";
        var (error, detail) = status switch
        {
            StatusCodes.Status405MethodNotAllowed => ($"method {context.Request.Method} is not allowed here", $"{context.Request.Path} takes {context.Response.Headers.Allow}"),
            StatusCodes.Status404NotFound => ($"no such API resource: {request}", "the API is under /v1 (processes, logs, events, actors, stats, daemon, palettes)"),
            _ => ($"the request failed with status {status.ToString(CultureInfo.InvariantCulture)}", request),
        };
        return ApiHttp.WriteErrorAsync(context, status, error, detail);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error in {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} exceeded its timeout of {Timeout} ({Setting})")]
    private static partial void LogTimedOut(ILogger logger, string method, string path, TimeSpan timeout, string setting);
}
