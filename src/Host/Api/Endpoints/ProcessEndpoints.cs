using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ProcessManager.Contracts;

namespace ProcessManager.Host.Api.Endpoints;

/// <summary><c>/v1/processes</c> and <c>/v1/apply</c>.</summary>
internal static class ProcessEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, ApiContext api)
    {
        var json = ApiHttp.Json;
        routes.MapGet("/v1/processes", async context =>
        {
            // Whoever lists reads CPU and memory figures: programs on the idle cadence sample now and stay fast a while.
            api.Observability?.Observer.Demand.Note();
            await ApiHttp.WriteAsync(context, await api.Backend.ListAsync(context.RequestAborted).ConfigureAwait(false), json.IReadOnlyListProcessStatus).ConfigureAwait(false);
        });

        routes.MapPost("/v1/processes", async context =>
        {
            var request = await ApiHttp.ReadAsync(context, json.StartProcessRequest).ConfigureAwait(false);
            if (!ProcessNames.IsValid(request.Name))
            {
                throw ApiException.InvalidName("process", request.Name ?? string.Empty);
            }

            if (request.Instances is < 1 or > 1000)
            {
                throw new ApiException(StatusCodes.Status400BadRequest, "instances must be 1-1000", $"got {request.Instances}");
            }

            var status = await api.Backend.StartAsync(request, context.RequestAborted).ConfigureAwait(false);
            await ApiHttp.WriteAsync(context, status, json.ProcessStatus).ConfigureAwait(false);
        });

        routes.MapGet("/v1/processes/{name}", async context =>
            await ApiHttp.WriteAsync(
                context,
                SecretRedaction.Apply(await api.Backend.DescribeAsync(ApiHttp.Name(context), context.RequestAborted).ConfigureAwait(false), SecretRedaction.Requested(context)),
                json.ProcessDescription).ConfigureAwait(false));

        routes.MapDelete("/v1/processes/{name}", async context =>
        {
            await api.Backend.DeleteAsync(ApiHttp.Name(context), context.RequestAborted).ConfigureAwait(false);
            ApiHttp.NoContent(context);
        });

        routes.MapPost("/v1/processes/{name}/stop", async context =>
            await ApiHttp.WriteAsync(context, await api.Backend.StopAsync(ApiHttp.Name(context), context.RequestAborted).ConfigureAwait(false), json.ProcessStatus).ConfigureAwait(false));

        routes.MapPost("/v1/processes/{name}/restart", async context =>
            await ApiHttp.WriteAsync(context, await api.Backend.RestartAsync(ApiHttp.Name(context), context.RequestAborted).ConfigureAwait(false), json.ProcessStatus).ConfigureAwait(false));

        routes.MapPost("/v1/processes/{name}/scale", async context =>
        {
            var name = ApiHttp.Name(context);
            var request = await ApiHttp.ReadAsync(context, json.ScaleRequest).ConfigureAwait(false);
            if (request.Instances is < 0 or > 1000)
            {
                throw new ApiException(StatusCodes.Status400BadRequest, "instances must be 0-1000", $"got {request.Instances}");
            }

            await ApiHttp.WriteAsync(context, await api.Backend.ScaleAsync(name, request.Instances, context.RequestAborted).ConfigureAwait(false), json.ProcessStatus).ConfigureAwait(false);
        });

        routes.MapGet("/v1/processes/{name}/history", async context =>
        {
            var name = ApiHttp.Name(context);
            var since = ApiHttp.QueryTime(context, "since");
            await ApiHttp.WriteAsync(context, await api.Backend.HistoryAsync(name, since, context.RequestAborted).ConfigureAwait(false), json.IReadOnlyListHistoryEntry).ConfigureAwait(false);
        });

        routes.MapPost("/v1/apply", async context =>
        {
            var request = await ApiHttp.ReadAsync(context, json.ApplyConfigRequest).ConfigureAwait(false);
            if (string.IsNullOrEmpty(request.Text))
            {
                throw new ApiException(StatusCodes.Status400BadRequest, "the configuration is empty", $"file '{request.FileName}' has no content");
            }

            await ApiHttp.WriteAsync(context, await api.Backend.ApplyAsync(request, context.RequestAborted).ConfigureAwait(false), json.ApplyConfigResult).ConfigureAwait(false);
        });
    }
}
