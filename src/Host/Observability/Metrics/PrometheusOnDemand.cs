using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OpenTelemetry.Metrics;

namespace ProcessManager.Host.Observability.Metrics;

/// <summary>
/// <c>/metrics</c> without OTLP: OpenTelemetry's meter provider and Prometheus exporter are built by the first scrape
/// and serve every later one. Until then the daemon holds no aggregation state for them (several MB), and the exits and
/// requests counted meanwhile are held by <see cref="ProcessManagerMetrics"/>, so the first scrape shows them all.
/// </summary>
internal sealed class PrometheusOnDemand : IDisposable
{
    private readonly ProcessManagerMetrics _metrics;
    private readonly ObservabilitySettings _settings;

    /// <summary>Guards the one-time start and the disposal.</summary>
    private readonly Lock _gate = new();

    /// <summary>The branch the exporter's middleware is added to at the start; set when the endpoint is mapped.</summary>
    private IApplicationBuilder? _branch;

    /// <summary>Built by the first scrape (under <see cref="_gate"/>); disposed with this.</summary>
    private MeterProvider? _provider;

    /// <summary>The exporter's middleware once started; read without the lock.</summary>
    private volatile RequestDelegate? _scrape;
    private bool _disposed;

    public PrometheusOnDemand(ProcessManagerMetrics metrics, ObservabilitySettings settings)
    {
        _metrics = metrics;
        _settings = settings;
    }

    /// <summary>Whether a scrape has built the pipeline.</summary>
    public bool Started => _scrape is not null;

    /// <summary>The endpoint's handler; <paramref name="branch"/> (from the route builder) hosts the exporter once built.</summary>
    public RequestDelegate Bind(IApplicationBuilder branch)
    {
        _branch = branch;
        return HandleAsync;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _provider?.Dispose();
        }
    }

    private Task HandleAsync(HttpContext context)
    {
        if ((_scrape ?? Start()) is { } scrape)
        {
            return scrape(context);
        }

        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        return Task.CompletedTask;
    }

    /// <summary>Builds the pipeline once; null when the daemon is shutting down.</summary>
    private RequestDelegate? Start()
    {
        lock (_gate)
        {
            if (_scrape is { } started)
            {
                return started;
            }

            if (_disposed || _branch is not { } branch)
            {
                return null;
            }

            _provider = MetricsPipeline.BuildForScrape(_metrics, _settings);
            MetricsPipeline.StartExporting(_metrics);
            branch.UseOpenTelemetryPrometheusScrapingEndpoint(_provider, predicate: static _ => true, path: null, configureBranchedPipeline: null, optionsName: null);
            return _scrape = branch.Build();
        }
    }
}
