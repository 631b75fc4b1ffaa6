using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading.Channels;
using Akka.Actor;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using ProcessManager.Actors.Cluster;
using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Host.Api;

namespace ProcessManager.Host.Cluster;

/// <summary>
/// `pbm --node NAME` for a request only NAME's daemon itself can answer: the request (method, path, query without the
/// node, body) goes to NAME's <see cref="ApiForwardServer"/>, and its response is written back as it came; a stream
/// comes line by line and goes out as this daemon's own streams do.
/// </summary>
internal static class ForwardedApiCall
{
    /// <summary>Lines held for the reader: one being written, one arriving (the forwarder waits for each ack).</summary>
    private const int BufferedLines = 4;

    private static readonly JsonTypeInfo<JsonElement> Item =
        JsonMetadataServices.CreateValueInfo<JsonElement>(ApiHttp.Json.Options, JsonMetadataServices.JsonElementConverter);

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
            CommandFailed failed => throw CouldNotAnswer(node, failed),
            _ => throw new InvalidOperationException($"unexpected reply {reply.GetType().Name} from node '{node}'"),
        };
        await WriteAsync(context, response).ConfigureAwait(false);
    }

    public static async Task StreamAsync(HttpContext context, ApiContext api, NodeDirectory fleet, string node, TimeSpan timeout)
    {
        var server = fleet.Server(node, ApiForwardServer.Name);
        var system = (ExtendedActorSystem)fleet.System;
        var lines = Channel.CreateBounded<string>(new BoundedChannelOptions(BufferedLines) { SingleReader = true, SingleWriter = true });
        var opened = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscriber = system.SystemActorOf(
            Props.Create(() => new ForwardedStreamSubscriber(lines.Writer, opened)),
            $"forwarded-stream-{Guid.NewGuid():N}");
        try
        {
            server.Tell(new FollowForwardedApi(PathAndQuery(context.Request), Akka.Serialization.Serialization.SerializedActorPath(subscriber)), subscriber);
            object answer;
            try
            {
                answer = await opened.Task.WaitAsync(timeout, context.RequestAborted).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new ApiException(StatusCodes.Status504GatewayTimeout, $"node '{node}' did not open the stream in time", $"it took longer than {timeout.TotalSeconds:0} s; see 'pbm node list'");
            }

            switch (answer)
            {
                case IActorRef forwarder:
                    await ApiStreams.StreamAsync(context, api, cancellationToken => LinesAsync(lines.Reader, forwarder, subscriber, cancellationToken), Item).ConfigureAwait(false);
                    break;
                case ForwardedApiResponse refused:
                    await WriteAsync(context, refused).ConfigureAwait(false);
                    break;
                case CommandFailed failed:
                    throw CouldNotAnswer(node, failed);
            }
        }
        finally
        {
            system.Stop(subscriber);
        }
    }

    private static async IAsyncEnumerable<JsonElement> LinesAsync(ChannelReader<string> lines, IActorRef forwarder, IActorRef subscriber, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var line in lines.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            forwarder.Tell(ForwardedApiAck.Instance, subscriber);
            if (!string.IsNullOrWhiteSpace(line))
            {
                using var item = JsonDocument.Parse(line);
                yield return item.RootElement.Clone();
            }
        }
    }

    /// <summary>502: the other node's forward server could not make the request on its API (no socket, no answer).</summary>
    private static ApiException CouldNotAnswer(string node, CommandFailed failed) =>
        new(StatusCodes.Status502BadGateway, $"node '{node}' could not answer", failed.Reason);

    private static async Task WriteAsync(HttpContext context, ForwardedApiResponse response)
    {
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
