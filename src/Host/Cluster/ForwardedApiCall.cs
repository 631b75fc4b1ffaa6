using Akka.Actor;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using ProcessManager.Actors.Cluster;
using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Host.Api;

namespace ProcessManager.Host.Cluster;

/// <summary>
/// `pbm --node NAME` for a request only NAME's daemon itself can answer: the request (method, path, query without the
/// node, body) goes to NAME's <see cref="ApiForwardServer"/>, and its response is written back as it came.
/// </summary>
internal static class ForwardedApiCall
{
    public static async Task ForwardAsync(HttpContext context, NodeDirectory fleet, string node, TimeSpan timeout)
    {
        var server = fleet.Server(node, ApiForwardServer.Name);

        // Read within the API's request size (Kestrel's limit answers 413 beyond it).
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);
        var request = new ForwardedApiRequest(context.Request.Method, PathAndQuery(context.Request), context.Request.ContentType, body.ToArray());

        object reply;
        try
        {
            reply = await server.Ask<object>(request, timeout, context.RequestAborted).ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            throw new ApiException(StatusCodes.Status504GatewayTimeout, $"node '{node}' did not answer in time", $"it took longer than {timeout.TotalSeconds:0} s; see 'pbm node list'");
        }

        var response = reply switch
        {
            ForwardedApiResponse answer => answer,
            CommandFailed failed => throw new ApiException(StatusCodes.Status502BadGateway, $"node '{node}' could not answer", failed.Reason),
            _ => throw new InvalidOperationException($"unexpected reply {reply.GetType().Name} from node '{node}'"),
        };
        context.Response.StatusCode = response.StatusCode;
        context.Response.ContentType = response.ContentType;
        context.Response.ContentLength = response.Body.Length;
        await context.Response.Body.WriteAsync(response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The path and the query without <see cref="NodeTarget.QueryParameter"/>: the other daemon answers for itself.</summary>
    private static string PathAndQuery(HttpRequest request)
    {
        var query = new QueryBuilder(request.Query
            .Where(pair => pair.Key != NodeTarget.QueryParameter)
            .SelectMany(pair => pair.Value.Select(value => new KeyValuePair<string, string>(pair.Key, value ?? ""))));
        return request.Path.ToUriComponent() + query.ToQueryString().ToUriComponent();
    }
}
