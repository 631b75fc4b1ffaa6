using System.Text.Json;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ProcessManager.Actors.Plugins.History;
using ProcessManager.Actors.Plugins.Messages;
using ProcessManager.Contracts.Dtos;
using ProcessManager.Host.Hosting;

namespace ProcessManager.Host.Api.Endpoints;

/// <summary><c>/v1/plugins</c>: list, describe, invoke, reload, history (the plugin host, /user/plugins).</summary>
internal static class PluginEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, ApiContext api)
    {
        var json = ApiHttp.Json;
        routes.MapGet("/v1/plugins", async context =>
        {
            var list = await AskAsync<PluginList>(api, ListPlugins.Instance, context).ConfigureAwait(false);
            var result = new PluginListResult(
                [.. list.Plugins.Select(Summary)],
                [.. list.Problems.Select(p => new PluginProblem(p.Directory, p.Errors))]);
            await ApiHttp.WriteAsync(context, result, json.PluginListResult).ConfigureAwait(false);
        });

        routes.MapGet("/v1/plugins/{name}", async context =>
        {
            var name = ApiHttp.Name(context, what: "plugin");
            var status = await AskAsync<object>(api, new DescribePlugin(name), context).ConfigureAwait(false) as PluginStatus
                ?? throw NotFound(name);
            await ApiHttp.WriteAsync(context, Describe(status), json.PluginDescription).ConfigureAwait(false);
        });

        routes.MapPost("/v1/plugins/{name}/invoke", async context =>
        {
            var name = ApiHttp.Name(context, what: "plugin");
            var request = await ApiHttp.ReadAsync(context, json.PluginInvokeRequest).ConfigureAwait(false);
            if (string.IsNullOrWhiteSpace(request.Method))
            {
                throw new ApiException(StatusCodes.Status400BadRequest, "method is required", "send {\"method\": \"NAME\", \"params\": ...}");
            }
            var paramsJson = request.Params is { } p ? p.GetRawText() : "null";
            // The plugin's own job-timeout bounds the wait; the API's command timeout is the backstop.
            var reply = await AskAsync<object>(api, new InvokePlugin(name, request.Method, paramsJson), context).ConfigureAwait(false);
            switch (reply)
            {
                case PluginInvoked ok:
                    using (var result = JsonDocument.Parse(ok.ResultJson))
                    {
                        await ApiHttp.WriteAsync(
                            context,
                            new PluginInvokeResult(ok.Name, ok.Method, result.RootElement.Clone(), ok.Duration.TotalMilliseconds, ok.WorkerPid),
                            json.PluginInvokeResult).ConfigureAwait(false);
                    }
                    break;
                case PluginInvocationFailed failed:
                    throw new ApiException(StatusFor(failed.Code), failed.Code, failed.Message);
                default:
                    throw new ApiException(StatusCodes.Status500InternalServerError, "unexpected reply", reply?.GetType().Name);
            }
        });

        routes.MapPost("/v1/plugins/{name}/reload", async context =>
        {
            var name = ApiHttp.Name(context, what: "plugin");
            var reply = await AskAsync<object>(api, new ReloadPlugin(name), context).ConfigureAwait(false);
            switch (reply)
            {
                case PluginReloaded reloaded:
                    await ApiHttp.WriteAsync(context, new PluginReloadResult(reloaded.Name, reloaded.Version, reloaded.Generation), json.PluginReloadResult).ConfigureAwait(false);
                    break;
                case PluginReloadFailed failed:
                    throw new ApiException(StatusCodes.Status422UnprocessableEntity, "the manifest has errors; the running version stays", string.Join("\n", failed.Errors));
                default:
                    throw NotFound(name);
            }
        });

        routes.MapGet("/v1/plugins/{name}/history", async context =>
        {
            var name = ApiHttp.Name(context, what: "plugin");
            var limit = ApiHttp.QueryInt(context, "limit", 100, 1, 100_000);
            var history = await AskAsync<PluginHistory>(api, new GetPluginHistory(name == "-" ? null : name, limit), context).ConfigureAwait(false);
            await ApiHttp.WriteAsync(
                context,
                (IReadOnlyList<PluginHistoryEntry>)[.. history.Entries.Select(e => new PluginHistoryEntry(e.At, e.Plugin, e.Method, e.Code, e.Summary, e.DurationMs, e.WorkerPid))],
                json.IReadOnlyListPluginHistoryEntry).ConfigureAwait(false);
        });
    }

    private static async Task<T> AskAsync<T>(ApiContext api, object message, HttpContext context)
    {
        var host = await api.HostServices.GetRequiredService<IRequiredActor<PluginHostKey>>().GetAsync(context.RequestAborted).ConfigureAwait(false);
        try
        {
            return await host.Ask<T>(message, api.Settings.CommandTimeout, context.RequestAborted).ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            throw new ApiException(StatusCodes.Status504GatewayTimeout, "the plugin host did not answer in time", $"pbm.api.command-timeout = {api.Settings.CommandTimeout}");
        }
    }

    private static ApiException NotFound(string name) =>
        new(StatusCodes.Status404NotFound, $"no plugin '{name}'", "pbm plugin list shows the plugins loaded and the manifests skipped");

    private static int StatusFor(string code) => code switch
    {
        PluginFailureCodes.NotFound => StatusCodes.Status404NotFound,
        PluginFailureCodes.BadRequest => StatusCodes.Status400BadRequest,
        PluginFailureCodes.QueueFull => StatusCodes.Status429TooManyRequests,
        PluginFailureCodes.Timeout => StatusCodes.Status504GatewayTimeout,
        PluginFailureCodes.PluginError => StatusCodes.Status422UnprocessableEntity,
        PluginFailureCodes.Unavailable or PluginFailureCodes.Stopping => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status502BadGateway,
    };

    private static PluginSummary Summary(PluginStatus s) => new(
        s.Manifest.Name,
        s.Manifest.Version,
        s.Manifest.Directory,
        s.State,
        s.Generation,
        s.Workers.Count,
        s.Workers.Count(w => w.State == "busy"),
        s.Queued,
        s.Invocations,
        s.Failures);

    private static PluginDescription Describe(PluginStatus s)
    {
        var m = s.Manifest;
        var subscriptions = new List<string>();
        subscriptions.AddRange(m.Subscriptions.Usb.Select(u => $"usb {u.Action} {u.Vendor ?? "*"}:{u.Product ?? "*"}{(u.Serial is null ? "" : " serial " + u.Serial)}"));
        subscriptions.AddRange(m.Subscriptions.Processes.Select(p => "process " + p));
        if (m.Subscriptions.Schedule is { } every)
        {
            subscriptions.Add($"schedule every {every}");
        }
        return new PluginDescription(
            Summary(s),
            m.Command,
            m.ManifestPath,
            m.Protocol,
            m.Pool.Min,
            m.Pool.Max,
            m.Pool.Queue,
            m.MaxJobsPerWorker,
            m.JobTimeout.TotalSeconds,
            m.MemoryLimit,
            subscriptions,
            [.. s.Workers.Select(w => new PluginWorkerInfo(w.Pid, w.State, w.Jobs, w.Generation))],
            s.WorkersStarted,
            s.WorkersRecycled,
            s.WorkersFailed);
    }
}
