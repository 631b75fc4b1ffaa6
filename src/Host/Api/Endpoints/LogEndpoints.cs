using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace ProcessManager.Host.Api.Endpoints;

/// <summary><c>/v1/logs</c>: tail, follow (newline-delimited JSON stream, or a WebSocket on upgrade), flush; <c>/v1/events</c>.</summary>
internal static class LogEndpoints
{
    private const int MaxTail = 10_000;

    public static void Map(IEndpointRouteBuilder routes, ApiContext api)
    {
        var json = ApiHttp.Json;
        routes.MapGet("/v1/logs/{name}", async context =>
        {
            var name = ApiHttp.Name(context, what: "log");
            var lines = ApiHttp.QueryInt(context, "lines", 50, 0, MaxTail);
            await ApiHttp.WriteAsync(context, await api.Backend.TailAsync(name, lines, context.RequestAborted).ConfigureAwait(false), json.IReadOnlyListLogLine).ConfigureAwait(false);
        });

        routes.MapGet("/v1/logs/{name}/follow", async context =>
        {
            var name = ApiHttp.Name(context, what: "log");
            var lines = ApiHttp.QueryInt(context, "lines", 10, 0, MaxTail);

            // Fails with 404 before the stream starts when the process is unknown.
            await api.Backend.DescribeAsync(name, context.RequestAborted).ConfigureAwait(false);
            await ApiStreams.StreamAsync(context, api, ct => api.Backend.FollowAsync(name, lines, ct), json.LogLine).ConfigureAwait(false);
        }).WithMetadata(StreamEndpoint.Instance);

        routes.MapPost("/v1/logs/flush", async context =>
        {
            await api.Backend.FlushLogsAsync(null, context.RequestAborted).ConfigureAwait(false);
            ApiHttp.NoContent(context);
        });

        routes.MapPost("/v1/logs/{name}/flush", async context =>
        {
            await api.Backend.FlushLogsAsync(ApiHttp.Name(context, what: "log"), context.RequestAborted).ConfigureAwait(false);
            ApiHttp.NoContent(context);
        });

        routes.MapGet("/v1/events", context =>
            ApiStreams.StreamAsync(context, api, api.Backend.EventsAsync, json.ProcessEvent))
            .WithMetadata(StreamEndpoint.Instance);
    }
}
