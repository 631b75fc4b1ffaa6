using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ProcessManager.Host.Backend;
using ProcessManager.Host.Cluster;

namespace ProcessManager.Host.Api;

/// <summary>
/// The forwarding layer of <c>pbm --node NAME</c>: any <c>/v1</c> request may name the cluster node it is for, with
/// the query parameter <c>node</c> or the header <c>X-Pbm-Node</c>. The name flows with the request (an async local)
/// to the backend, which sends the supervisor's commands to that node over the cluster; endpoints do not change.
/// The routes in <see cref="Forwarded"/> do so through this daemon's backend; any other <c>/v1</c> request (the daemon's
/// own lifecycle, statistics and actor tree, USB, plugins, palettes) is made on that node's own API
/// (<see cref="ForwardedApiCall"/>), so it is never answered for this daemon instead; streams of that kind too.
/// </summary>
internal static class NodeTarget
{
    public const string QueryParameter = "node";

    public const string Header = "X-Pbm-Node";

    /// <summary>
    /// The routes the backend answers for the node named: the process supervisor's commands and queries, logs and
    /// events; and the cluster's own routes, the same from any member.
    /// </summary>
    public static readonly IReadOnlySet<string> Forwarded = new HashSet<string>(StringComparer.Ordinal)
    {
        "/v1/processes",
        "/v1/processes/bulk",
        "/v1/processes/{name}",
        "/v1/processes/{name}/stop",
        "/v1/processes/{name}/restart",
        "/v1/processes/{name}/signal",
        "/v1/processes/{name}/scale",
        "/v1/processes/{name}/history",
        "/v1/start-file",
        "/v1/apply",
        "/v1/logs",
        "/v1/logs-follow",
        "/v1/logs/{name}",
        "/v1/logs/{name}/follow",
        "/v1/logs/flush",
        "/v1/logs/{name}/flush",
        "/v1/events",
        "/v1/nodes",
        "/v1/nodes/processes",
        "/v1/nodes/events",
        "/v1/nodes/{name}/leave",
        "/v1/nodes/{name}/down",
    };

    private static readonly AsyncLocal<string?> CurrentNode = new();

    /// <summary>The node the current request is for; null for this daemon.</summary>
    public static string? Current => CurrentNode.Value;

    /// <summary>Runs <paramref name="action"/> as a request for <paramref name="node"/> (null: this daemon).</summary>
    public static async Task<T> RunAsync<T>(string? node, Func<Task<T>> action)
    {
        var previous = CurrentNode.Value;
        CurrentNode.Value = node;
        try
        {
            return await action().ConfigureAwait(false);
        }
        finally
        {
            CurrentNode.Value = previous;
        }
    }

    /// <summary>
    /// After authentication and routing: a named node is accepted only when this daemon is in a cluster; a request for
    /// another node on a route outside <see cref="Forwarded"/> is made on that node's API.
    /// </summary>
    public static RequestDelegate Middleware(RequestDelegate next, ApiContext api) => async context =>
    {
        string? node = context.Request.Query[QueryParameter];
        if (string.IsNullOrEmpty(node))
        {
            node = context.Request.Headers[Header];
        }

        if (string.IsNullOrEmpty(node))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        if (api.Fleet is null)
        {
            throw new ApiException(StatusCodes.Status400BadRequest, $"cannot reach node '{node}': this daemon is not in a cluster", "enable pbm.cluster in its configuration (see hocon/reference.conf)");
        }

        if (node != api.Fleet.SelfName && context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } route } endpoint && !Forwarded.Contains(route))
        {
            if (!route.StartsWith("/v1/", StringComparison.Ordinal))
            {
                throw new ApiException(StatusCodes.Status501NotImplemented, $"'{context.Request.Method} {route}' is not available for another node", $"ask node '{node}' itself");
            }

            // A query (or a stream's opening) is answered at once or the node is in trouble; a command may take the
            // API's whole command timeout.
            var queryTimeout = ActorProcessBackend.QueryTimeout + api.Fleet.Settings.AskTimeout;
            if (endpoint.Metadata.GetMetadata<StreamEndpoint>() is not null)
            {
                await ForwardedApiCall.StreamAsync(context, api, api.Fleet, node, queryTimeout).ConfigureAwait(false);
                return;
            }

            var timeout = HttpMethods.IsGet(context.Request.Method) ? queryTimeout : api.Settings.CommandTimeout + ActorProcessBackend.CommandTimeoutMargin;
            await ForwardedApiCall.ForwardAsync(context, api.Fleet, node, timeout).ConfigureAwait(false);
            return;
        }

        CurrentNode.Value = node == api.Fleet.SelfName ? null : node;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            CurrentNode.Value = null;
        }
    };
}
