using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ProcessManager.Host.Observability.Metrics;

/// <summary>The bounded labels of an API request: its route template (never the path) and a known method.</summary>
internal static class RequestRoute
{
    public static string Of(HttpContext context) =>
        context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } template } ? template : "unmatched";

    public static string Method(HttpContext context) => context.Request.Method switch
    {
        "GET" or "HEAD" or "POST" or "PUT" or "DELETE" or "PATCH" => context.Request.Method,
        _ => "other",
    };
}
