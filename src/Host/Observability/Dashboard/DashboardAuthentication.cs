using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ProcessManager.Host.Api;
using ProcessManager.Host.Observability.Health;
using ProcessManager.Host.Observability.Metrics;

namespace ProcessManager.Host.Observability.Dashboard;

/// <summary>
/// TCP admission besides the bearer token, ahead of <see cref="ApiMiddleware.Authentication"/>:
/// <list type="bullet">
/// <item>the dashboard's session cookie admits the API and the dashboard; a state-changing call (any method but GET and
/// HEAD) and a WebSocket also need an Origin equal to the daemon's own, and a change needs the session's CSRF token in
/// <c>X-PBM-CSRF</c>;</item>
/// <item>the login page and the login call are open; any other dashboard page without a session redirects to the
/// login page;</item>
/// <item><c>/health/*</c> is open when <c>health.unauthenticated</c> is on; <c>/metrics</c> also takes the scrape token.</item>
/// </list>
/// Unix socket callers were admitted by the socket's mode and pass untouched.
/// </summary>
internal static partial class DashboardAuthentication
{
    public const string CookieName = "pbm_session";
    public const string CsrfHeader = "X-PBM-CSRF";

    public static RequestDelegate Middleware(RequestDelegate next, ApiContext api, ObservabilityServices observability) => async context =>
    {
        if (context.Features.Get<UnixSocketConnection>() is not null)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var request = context.Request;
        var path = request.Path.Value ?? string.Empty;
        var settings = observability.Settings;
        if ((settings.HealthUnauthenticated && path.StartsWith(HealthEndpoints.Prefix, StringComparison.Ordinal))
            || (settings.DashboardEnabled && DashboardEndpoints.IsPublic(request.Method, path))
            || (path == MetricsEndpoints.ScrapePath && observability.ScrapeTokens is { } scrape && Bearer(request) is { } presented && scrape.Verify(presented)))
        {
            Admit(context);
            await next(context).ConfigureAwait(false);
            return;
        }

        if (request.Headers.Authorization.Count == 0 && request.Cookies[CookieName] is { } cookie)
        {
            if (observability.Sessions.Find(cookie) is not { } session)
            {
                await RefuseAsync(context, api, path, StatusCodes.Status401Unauthorized, "the dashboard session has ended", "log in again at /dashboard/login").ConfigureAwait(false);
                return;
            }

            var changes = !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method);
            if ((changes || context.WebSockets.IsWebSocketRequest) && !SameOrigin(request))
            {
                await RefuseAsync(context, api, path, StatusCodes.Status403Forbidden, "cross-origin request refused", "the dashboard calls its daemon from the daemon's own origin only").ConfigureAwait(false);
                return;
            }

            if (changes && !DashboardSessions.CsrfMatches(session, request.Headers[CsrfHeader].ToString()))
            {
                await RefuseAsync(context, api, path, StatusCodes.Status403Forbidden, "missing or wrong CSRF token", $"a change made with the dashboard's cookie carries the session's {CsrfHeader} header").ConfigureAwait(false);
                return;
            }

            Admit(context);
            await next(context).ConfigureAwait(false);
            return;
        }

        if (settings.DashboardEnabled && request.Headers.Authorization.Count == 0 && HttpMethods.IsGet(request.Method)
            && (path == DashboardEndpoints.Prefix || path.StartsWith(DashboardEndpoints.Prefix + "/", StringComparison.Ordinal)))
        {
            // A browser without a session sees the login page and nothing else.
            context.Response.Headers.CacheControl = "no-store";
            context.Response.Redirect(DashboardEndpoints.LoginPath);
            return;
        }

        await next(context).ConfigureAwait(false);
    };

    /// <summary>True when the request carries an Origin equal to the daemon's own (scheme and authority it was reached at).</summary>
    public static bool SameOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        return origin.Length > 0 && string.Equals(origin, $"{request.Scheme}://{request.Host.Value}", StringComparison.OrdinalIgnoreCase);
    }

    private static string? Bearer(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string Scheme = "Bearer ";
        return header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? header[Scheme.Length..] : null;
    }

    private static void Admit(HttpContext context) => context.Features.Set(AdmittedRequest.Instance);

    private static Task RefuseAsync(HttpContext context, ApiContext api, string path, int status, string error, string detail)
    {
        LogRefused(api.Logger, context.Connection.RemoteIpAddress?.ToString() ?? "?", context.Request.Method, path, error);
        return ApiHttp.WriteErrorAsync(context, status, error, detail);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused dashboard request from {Remote}: {Method} {Path} ({Reason})")]
    private static partial void LogRefused(ILogger logger, string remote, string method, string path, string reason);
}
