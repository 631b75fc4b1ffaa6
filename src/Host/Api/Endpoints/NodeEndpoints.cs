using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ProcessManager.Contracts.Dtos;
using ProcessManager.Host.Cluster;

namespace ProcessManager.Host.Api.Endpoints;

/// <summary><c>/v1/nodes</c>: the cluster's members, leave and down by name, processes and events of every node.</summary>
internal static class NodeEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, ApiContext api)
    {
        var json = ApiHttp.Json;
        routes.MapGet("/v1/nodes", async context =>
            await ApiHttp.WriteAsync(context, await Fleet(api).ListAsync(context.RequestAborted).ConfigureAwait(false), json.IReadOnlyListNodeStatus).ConfigureAwait(false));

        routes.MapPost("/v1/nodes/{name}/leave", context =>
        {
            Fleet(api).Leave(ApiHttp.Name(context, what: "node"));
            ApiHttp.NoContent(context);
            return Task.CompletedTask;
        });

        routes.MapPost("/v1/nodes/{name}/down", context =>
        {
            Fleet(api).Down(ApiHttp.Name(context, what: "node"));
            ApiHttp.NoContent(context);
            return Task.CompletedTask;
        });

        routes.MapGet("/v1/nodes/processes", async context =>
        {
            var lists = await AllProcessesAsync(api, Fleet(api), context.RequestAborted).ConfigureAwait(false);
            await ApiHttp.WriteAsync(context, lists, json.IReadOnlyListNodeProcesses).ConfigureAwait(false);
        });

        routes.MapGet("/v1/nodes/events", context =>
        {
            var fleet = Fleet(api);
            return ApiStreams.StreamAsync(context, api, cancellation => FleetEvents.StreamAsync(fleet, api.Settings.EventBuffer, cancellation), json.ProcessEvent);
        });
    }

    /// <summary>Every node that is up asked at once; an unreachable one is reported as such without waiting for it.</summary>
    private static async Task<IReadOnlyList<NodeProcesses>> AllProcessesAsync(ApiContext api, NodeDirectory fleet, CancellationToken cancellationToken) =>
        await Task.WhenAll(fleet.UpNodes().Select(node => node.Reachable
            ? ProcessesOfAsync(api, node.Name, cancellationToken)
            : Task.FromResult(new NodeProcesses(node.Name, [], "unreachable")))).ConfigureAwait(false);

    private static async Task<NodeProcesses> ProcessesOfAsync(ApiContext api, string node, CancellationToken cancellationToken)
    {
        try
        {
            var processes = await NodeTarget.RunAsync(node, () => api.Backend.ListAsync(cancellationToken)).ConfigureAwait(false);
            return new NodeProcesses(node, processes);
        }
        catch (ApiException error)
        {
            return new NodeProcesses(node, [], error.Detail is null ? error.Error : $"{error.Error}: {error.Detail}");
        }
    }

    private static NodeDirectory Fleet(ApiContext api) => api.Fleet
        ?? throw new ApiException(StatusCodes.Status400BadRequest, "this daemon is not in a cluster", "enable pbm.cluster in its configuration (see hocon/reference.conf)");
}
