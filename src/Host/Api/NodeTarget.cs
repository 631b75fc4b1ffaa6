using Microsoft.AspNetCore.Http;

namespace ProcessManager.Host.Api;

/// <summary>
/// The forwarding layer of <c>pbm --node NAME</c>: any <c>/v1</c> request may name the cluster node it is for, with
/// the query parameter <c>node</c> or the header <c>X-Pbm-Node</c>. The name flows with the request (an async local)
/// to the backend, which sends the supervisor's commands to that node over the cluster; endpoints do not change.
/// </summary>
internal static class NodeTarget
{
    public const string QueryParameter = "node";

    public const string Header = "X-Pbm-Node";

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

    /// <summary>After authentication: a named node is accepted only when this daemon is in a cluster.</summary>
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
