using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ProcessManager.Host.Observability.Health;

/// <summary>
/// <c>/health/live</c> (the API answers) and <c>/health/ready</c> (supervisor recovered, journal reachable): 200 or
/// 503 with a one-word body and nothing else, so they may be open to load balancers without a token; why a check
/// failed goes to the daemon log.
/// </summary>
internal static class HealthEndpoints
{
    public const string Prefix = "/health/";

    public static void Map(IEndpointRouteBuilder routes, ReadinessCheck readiness)
    {
        routes.MapMethods("/health/live", [HttpMethods.Get, HttpMethods.Head], context => WriteAsync(context, ready: true));
        routes.MapMethods("/health/ready", [HttpMethods.Get, HttpMethods.Head], async context =>
            await WriteAsync(context, await readiness.IsReadyAsync(context.RequestAborted).ConfigureAwait(false)).ConfigureAwait(false));
    }

    private static Task WriteAsync(HttpContext context, bool ready)
    {
        context.Response.StatusCode = ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return HttpMethods.IsHead(context.Request.Method) ? context.Response.StartAsync(context.RequestAborted) : context.Response.WriteAsync(ready ? "ok\n" : "unavailable\n", context.RequestAborted);
    }
}
