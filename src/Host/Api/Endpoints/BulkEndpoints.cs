using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using ProcessManager.Host.Backend;

namespace ProcessManager.Host.Api.Endpoints;

/// <summary><c>POST /v1/processes/bulk</c>: start, stop, restart or delete many processes in one call.</summary>
internal static class BulkEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, ApiContext api)
    {
        var json = ApiHttp.Json;
        routes.MapPost("/v1/processes/bulk", async context =>
        {
            var request = await ApiHttp.ReadAsync(context, json.BulkProcessRequest).ConfigureAwait(false);
            var result = await BulkProcessCommands.RunAsync(api.Backend, request, context.RequestAborted).ConfigureAwait(false);
            await ApiHttp.WriteAsync(context, result, json.BulkProcessResult).ConfigureAwait(false);
        });
    }
}
