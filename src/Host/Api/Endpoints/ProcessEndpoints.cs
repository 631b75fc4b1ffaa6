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
        {
            var name = ApiHttp.Name(context);
            var described = SecretRedaction.Apply(await api.Backend.DescribeAsync(name, context.RequestAborted).ConfigureAwait(false), SecretRedaction.Requested(context));
            var lines = DescribeLines(context);
            var tail = lines == 0 ? [] : await api.Backend.TailAsync(name, lines, context.RequestAborted).ConfigureAwait(false);
            await ApiHttp.WriteAsync(context, described with { LastLines = tail }, json.ProcessDescription).ConfigureAwait(false);
        });

        routes.MapDelete("/v1/processes/{name}", async context =>
        {
            await api.Backend.DeleteAsync(ApiHttp.Name(context), context.RequestAborted).ConfigureAwait(false);
            ApiHttp.NoContent(context);
        });

        routes.MapPost("/v1/processes/{name}/stop", async context =>
            await ApiHttp.WriteAsync(context, await api.Backend.StopAsync(ApiHttp.Name(context), context.RequestAborted).ConfigureAwait(false), json.ProcessStatus).ConfigureAwait(false));

        routes.MapPost("/v1/processes/{name}/restart", async context =>
            await ApiHttp.WriteAsync(context, await api.Backend.RestartAsync(ApiHttp.Name(context), context.RequestAborted).ConfigureAwait(false), json.ProcessStatus).ConfigureAwait(false));

        routes.MapPost("/v1/processes/{name}/signal", async context =>
        {
            var name = ApiHttp.Name(context);
            var request = await ApiHttp.ReadAsync(context, json.SignalRequest).ConfigureAwait(false);
            await ApiHttp.WriteAsync(context, await api.Backend.SignalAsync(name, request.Signal ?? "", context.RequestAborted).ConfigureAwait(false), json.SignalResult).ConfigureAwait(false);
        });

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

        routes.MapPost("/v1/start-file", async context =>
        {
            var request = await ApiHttp.ReadAsync(context, json.StartFileRequest).ConfigureAwait(false);
            if (string.IsNullOrEmpty(request.Text))
            {
                throw new ApiException(StatusCodes.Status400BadRequest, "the configuration is empty", $"file '{request.FileName}' has no content");
            }

            await ApiHttp.WriteAsync(context, await api.Backend.StartFileAsync(request, context.RequestAborted).ConfigureAwait(false), json.ProcessStatus).ConfigureAwait(false);
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

    /// <summary>Most output lines a describe carries (<c>?lines=N</c>); more is what <c>pbm log tail</c> is for.</summary>
    private const int MaxDescribeLines = 1000;

    /// <summary>The <c>lines</c> query of a describe: 10 when absent, 0 for none.</summary>
    private static int DescribeLines(HttpContext context)
    {
        var text = context.Request.Query["lines"].ToString();
        if (text.Length == 0)
        {
            return 10;
        }

        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var lines) && lines <= MaxDescribeLines
            ? lines
            : throw new ApiException(StatusCodes.Status400BadRequest, $"lines must be 0-{MaxDescribeLines}", $"got '{text}'");
    }
}
