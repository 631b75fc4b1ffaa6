using Microsoft.AspNetCore.Routing;
using ProcessManager.Host.Api;
using ProcessManager.Host.Observability.Dashboard;
using ProcessManager.Host.Observability.Health;
using ProcessManager.Host.Observability.Metrics;

namespace ProcessManager.Host.Observability;

/// <summary>Maps <c>/metrics</c>, <c>/v1/metrics/*</c>, <c>/health/*</c> and, when enabled, the dashboard.</summary>
internal static class ObservabilityEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, ApiContext api, ObservabilityServices observability)
    {
        MetricsEndpoints.Map(routes, api, observability);
        HealthEndpoints.Map(routes, observability.Readiness);
        if (observability.Settings.DashboardEnabled)
        {
            DashboardEndpoints.Map(routes, api, observability);
        }
    }
}
