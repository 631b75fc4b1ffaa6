using Akka.Actor;
using Microsoft.Extensions.Logging;
using ProcessManager.Host.Api;
using ProcessManager.Host.Observability.Dashboard;
using ProcessManager.Host.Observability.Health;
using ProcessManager.Host.Observability.Metrics;

namespace ProcessManager.Host.Observability;

/// <summary>
/// One daemon's metrics, health and dashboard: the sampling observer, the meter, the exit counter on the event stream,
/// the readiness check, dashboard sessions and the optional scrape token. Created with the API, disposed after it.
/// </summary>
internal sealed class ObservabilityServices : IAsyncDisposable
{
    private readonly ActorSystem? _system;
    private IActorRef? _exitCounter;

    public ObservabilityServices(ObservabilitySettings settings, ApiContext api, ActorSystem? system, ILogger logger)
    {
        Settings = settings;
        _system = system;
        Observer = new ProcessObserver(api.Backend, settings, logger, new SubsystemSampler(api.HostServices), new MetricsDemand(system, settings.DemandWindow));
        Metrics = new ProcessManagerMetrics(Observer, api);
        Readiness = new ReadinessCheck(system, api.Backend, settings, logger);
        Sessions = new DashboardSessions(settings);
        LoginThrottle = new LoginThrottle(settings);
        ScrapeTokens = settings.ScrapeTokenFile is { } file ? new TokenStore(file) : null;
        Scrape = settings.MetricsEnabled && !settings.OtlpEnabled ? new PrometheusOnDemand(Metrics, settings) : null;
        HeapTrim = new HeapTrim(settings.HeapTrimInterval, settings.HeapTrimAfter);
        if (!settings.MetricsEnabled && !settings.OtlpEnabled)
        {
            // No pipeline will ever listen: nothing to hold measurements for.
            Metrics.StartExporting();
        }
    }

    public ObservabilitySettings Settings { get; }

    public ProcessObserver Observer { get; }

    public ProcessManagerMetrics Metrics { get; }

    public ReadinessCheck Readiness { get; }

    public DashboardSessions Sessions { get; }

    /// <summary>Failed dashboard logins per address.</summary>
    public LoginThrottle LoginThrottle { get; }

    /// <summary>The token accepted for <c>/metrics</c> only, when <c>metrics.scrape-token-file</c> is set.</summary>
    public TokenStore? ScrapeTokens { get; }

    /// <summary><c>/metrics</c> built at the first scrape; null when metrics are off or OTLP builds the pipeline at start.</summary>
    public PrometheusOnDemand? Scrape { get; }

    /// <summary>Returns the garbage of a burst of work to the system once the daemon is quiet.</summary>
    public HeapTrim HeapTrim { get; }

    /// <summary>Starts sampling and counting exits.</summary>
    public void Start()
    {
        Observer.Start();
        if (_system is not null)
        {
            _exitCounter = ((ExtendedActorSystem)_system).SystemActorOf(Props.Create(() => new ExitCounter(Metrics)), $"pbm-exit-counter-{Guid.NewGuid():N}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_exitCounter is not null)
        {
            _system?.Stop(_exitCounter);
        }

        await Observer.DisposeAsync().ConfigureAwait(false);
        Scrape?.Dispose();
        HeapTrim.Dispose();
        Metrics.Dispose();
    }
}
