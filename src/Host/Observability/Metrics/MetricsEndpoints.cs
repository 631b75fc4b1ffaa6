using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using ProcessManager.Contracts.Dtos;
using ProcessManager.Host.Api;

namespace ProcessManager.Host.Observability.Metrics;

/// <summary><c>/metrics</c> (Prometheus text, by OpenTelemetry's exporter, see <see cref="MetricsPipeline"/>), <c>/v1/metrics/history/{name}</c> and the <c>/v1/metrics/live</c> stream.</summary>
internal static class MetricsEndpoints
{
    public const string ScrapePath = "/metrics";

    public static void Map(IEndpointRouteBuilder routes, ApiContext api, ObservabilityServices observability)
    {
        var json = ApiHttp.Json;
        MetricsPipeline.Map(routes, observability);

        routes.MapGet("/v1/metrics/history/{name}", async context =>
        {
            var name = ApiHttp.Name(context);
            observability.Observer.Demand.Note();
            var points = observability.Observer.History.Get(name);
            if (points is null)
            {
                // 404 for a name the supervisor does not know; an empty history for a program not sampled yet.
                await api.Backend.DescribeAsync(name, context.RequestAborted).ConfigureAwait(false);
                points = [];
            }

            await ApiHttp.WriteAsync(context, new MetricsHistory(name, points), json.MetricsHistory).ConfigureAwait(false);
        });

        routes.MapGet("/v1/metrics/live", context =>
            ApiStreams.StreamAsync(context, api, observability.Observer.SubscribeAsync, json.MetricsSnapshot))
            .WithMetadata(StreamEndpoint.Instance);
    }
}
