using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using ProcessManager.Contracts.Dtos;
using ProcessManager.Host.Api;

namespace ProcessManager.Host.Observability.Dashboard;

/// <summary>
/// The dashboard: its pages under <c>/dashboard</c>, the login (bearer token or one-time code -> session cookie),
/// the session's CSRF token for the page, logout, and <c>POST /v1/dashboard/login-code</c> for <c>pbm dashboard</c>.
/// </summary>
internal static partial class DashboardEndpoints
{
    public const string Prefix = "/dashboard";
    public const string LoginPath = "/dashboard/login";
    private const string SessionPath = "/dashboard/session";

    /// <summary>What a browser may fetch without a session: the login page, its script and style, and the login call.</summary>
    public static bool IsPublic(string method, string path) =>
        (HttpMethods.IsGet(method) && path is LoginPath or "/dashboard/login.js" or "/dashboard/style.css")
        || (HttpMethods.IsPost(method) && path == SessionPath);

    public static void Map(IEndpointRouteBuilder routes, ApiContext api, ObservabilityServices observability)
    {
        var sessions = observability.Sessions;
        // Routing ignores a trailing slash: this serves /dashboard and /dashboard/ (the pages link by absolute paths).
        routes.MapGet(Prefix, context => ServeAsync(context, "index.html"));
        routes.MapGet(LoginPath, context => ServeAsync(context, "login.html"));
        routes.MapGet(Prefix + "/{file}", context => ServeAsync(context, (string)context.Request.RouteValues["file"]!));

        routes.MapPost(SessionPath, async context =>
        {
            if (context.Request.Headers.Origin.Count > 0 && !DashboardAuthentication.SameOrigin(context.Request))
            {
                throw new ApiException(StatusCodes.Status403Forbidden, "cross-origin login refused", "log in from the dashboard's own login page");
            }

            var (token, code) = await ReadLoginAsync(context).ConfigureAwait(false);
            var remote = context.Connection.RemoteIpAddress?.ToString() ?? "?";
            var admitted = (token is not null && api.Tokens.Verify(token)) || (code is not null && sessions.Redeem(code));
            if (!admitted)
            {
                LogLoginFailed(api.Logger, remote, token is not null ? "wrong token" : "unknown or used code");
                throw new ApiException(StatusCodes.Status401Unauthorized, "login failed", token is not null
                    ? "the token is not valid; it is in the daemon's token file ($PBM_HOME/api.token)"
                    : "the login code is unknown, used or expired; run 'pbm dashboard' for a new one");
            }

            var (id, session) = sessions.Create();
            context.Response.Cookies.Append(DashboardAuthentication.CookieName, id, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = context.Request.IsHttps,
                Path = "/",
                MaxAge = session.ExpiresAt - session.CreatedAt,
            });
            LogLoggedIn(api.Logger, remote, token is not null ? "token" : "one-time code");
            ApiHttp.NoContent(context);
        });

        routes.MapGet(Prefix + "/api/session", async context =>
        {
            var session = sessions.Find(context.Request.Cookies[DashboardAuthentication.CookieName]);
            context.Response.ContentType = "application/json";
            context.Response.Headers.CacheControl = "no-store";
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteString("csrf", session?.Csrf);
                writer.WriteString("csrfHeader", DashboardAuthentication.CsrfHeader);
                if (session is not null)
                {
                    writer.WriteString("expiresAt", session.ExpiresAt);
                }

                writer.WriteEndObject();
            }

            await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
        });

        routes.MapPost(Prefix + "/logout", context =>
        {
            sessions.End(context.Request.Cookies[DashboardAuthentication.CookieName]);
            context.Response.Cookies.Delete(DashboardAuthentication.CookieName, new CookieOptions { Path = "/", HttpOnly = true, SameSite = SameSiteMode.Strict });
            ApiHttp.NoContent(context);
            return Task.CompletedTask;
        });

        routes.MapPost("/v1/dashboard/login-code", async context =>
        {
            var (code, expires) = sessions.IssueCode();
            var url = api.TcpEndpoint is { } endpoint ? $"{endpoint.TrimEnd('/')}{LoginPath}#code={code}" : null;
            await ApiHttp.WriteAsync(context, new DashboardLogin(code, expires, url), ApiHttp.Json.DashboardLogin).ConfigureAwait(false);
        });
    }

    private static async Task ServeAsync(HttpContext context, string name)
    {
        if (DashboardAssets.Find(name) is not { } asset)
        {
            throw new ApiException(StatusCodes.Status404NotFound, $"no such dashboard file: {name}", null);
        }

        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-cache";
        context.Response.ContentType = asset.ContentType;
        context.Response.ContentLength = asset.Content.Length;
        await context.Response.Body.WriteAsync(asset.Content, context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task<(string? Token, string? Code)> ReadLoginAsync(HttpContext context)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted).ConfigureAwait(false);
            var root = document.RootElement;
            string? Field(string name) => root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            var token = Field("token");
            var code = Field("code");
            return token is null && code is null
                ? throw new ApiException(StatusCodes.Status400BadRequest, "token or code is required", "send {\"token\": \"...\"} or {\"code\": \"...\"}")
                : (token, code);
        }
        catch (JsonException ex)
        {
            throw new ApiException(StatusCodes.Status400BadRequest, "the login request is not JSON", ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dashboard login refused from {Remote} ({Reason})")]
    private static partial void LogLoginFailed(ILogger logger, string remote, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dashboard login from {Remote} with a {How}")]
    private static partial void LogLoggedIn(ILogger logger, string remote, string how);
}
