using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using ProcessManager.Host.Backend;

namespace ProcessManager.Host.Api.Endpoints;

/// <summary>
/// <c>GET /v1/logs?name=A&amp;name=B&amp;lines=N</c> (tail) and <c>GET /v1/logs-follow?name=...</c> (one stream): the
/// output of several processes, names, NAME-INDEX or globs; no name means every process.
/// </summary>
internal static class ManyLogEndpoints
{
    private const int MaxTail = 10_000;

    public static void Map(IEndpointRouteBuilder routes, ApiContext api)
    {
        var json = ApiHttp.Json;
        routes.MapGet("/v1/logs", async context =>
        {
            var lines = ApiHttp.QueryInt(context, "lines", 50, 0, MaxTail);
            var names = await ManyLogs.ResolveAsync(api.Backend, Names(context), context.RequestAborted).ConfigureAwait(false);
            await ApiHttp.WriteAsync(context, await ManyLogs.TailAsync(api.Backend, names, lines, context.RequestAborted).ConfigureAwait(false), json.IReadOnlyListLogLine).ConfigureAwait(false);
        });

        routes.MapGet("/v1/logs-follow", async context =>
        {
            var lines = ApiHttp.QueryInt(context, "lines", 10, 0, MaxTail);

            // Unknown names fail with 404 before the stream starts.
            var names = await ManyLogs.ResolveAsync(api.Backend, Names(context), context.RequestAborted).ConfigureAwait(false);
            await ApiStreams.StreamAsync(context, api, ct => ManyLogs.FollowAsync(api.Backend, names, lines, ct), json.LogLine).ConfigureAwait(false);
        }).WithMetadata(StreamEndpoint.Instance);
    }

    private static List<string> Names(Microsoft.AspNetCore.Http.HttpContext context) =>
        [.. context.Request.Query["name"].Where(name => !string.IsNullOrEmpty(name)).Select(name => name!)];
}
