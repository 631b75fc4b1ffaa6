using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using ProcessManager.Host.Observability.Tracing;
using ProcessManager.Persistence.Storage;

namespace ProcessManager.Host.Observability.Metrics;

/// <summary>
/// OpenTelemetry's pipeline: the Prometheus exporter answers <c>/metrics</c>, and OTLP pushes the same instruments, and
/// the spans of API requests and supervisor commands, when configured. With OTLP it is built with the API server's
/// services at start (it pushes without being asked); with Prometheus alone it is built at the first scrape
/// (<see cref="PrometheusOnDemand"/>), so that a daemon nobody scrapes does not carry its aggregation state.
/// </summary>
internal static class MetricsPipeline
{
    /// <summary>Registers the pipeline in the API server's services when OTLP export is configured; nothing otherwise.</summary>
    public static void AddTo(IServiceCollection services, ProcessManagerMetrics metrics, ObservabilitySettings settings)
    {
        if (!settings.OtlpEnabled)
        {
            return;
        }

        var telemetry = services.AddOpenTelemetry().ConfigureResource(Describe);
        if (settings.OtlpTraces)
        {
            telemetry.WithTracing(builder => builder
                .AddSource(PbmTracing.SourceName)
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsProbe(context.Request.Path))
                .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(settings.TraceSampleRatio)))
                .AddOtlpExporter(exporter => Configure(exporter, settings, "v1/traces")));
        }

        telemetry.WithMetrics(builder =>
            {
                ConfigureMetrics(builder, metrics, settings);
                builder.AddOtlpExporter((exporter, reader) =>
                {
                    Configure(exporter, settings, "v1/metrics");
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)settings.OtlpInterval.TotalMilliseconds;
                });
            });
    }

    /// <summary>
    /// Maps <c>/metrics</c> when enabled: OpenTelemetry's scraping endpoint on the services' pipeline with OTLP, else the
    /// one built at the first scrape. With OTLP the pipeline listens from here on, so what was held goes to it now.
    /// </summary>
    public static void Map(IEndpointRouteBuilder routes, ObservabilityServices observability)
    {
        var settings = observability.Settings;
        if (settings.OtlpEnabled)
        {
            if (settings.MetricsEnabled)
            {
                routes.MapPrometheusScrapingEndpoint(MetricsEndpoints.ScrapePath);
            }
            else
            {
                _ = routes.ServiceProvider.GetRequiredService<MeterProvider>();
            }

            StartExporting(observability.Metrics);
        }
        else if (observability.Scrape is { } scrape)
        {
            routes.Map(MetricsEndpoints.ScrapePath, scrape.Bind(routes.CreateApplicationBuilder()));
        }
    }

    /// <summary>The pipeline for <c>/metrics</c> alone (no OTLP): the meters and the Prometheus exporter.</summary>
    public static MeterProvider BuildForScrape(ProcessManagerMetrics metrics, ObservabilitySettings settings) =>
        ConfigureMetrics(Sdk.CreateMeterProviderBuilder().ConfigureResource(Describe), metrics, settings).Build();

    /// <summary>A pipeline listens now: the daemon's and the journal's held measurements go to their instruments.</summary>
    public static void StartExporting(ProcessManagerMetrics metrics)
    {
        metrics.StartExporting();
        JournalMetrics.StartExporting();
    }

    private static void Describe(ResourceBuilder resource) =>
        resource.AddService("pbmd", serviceInstanceId: Environment.MachineName + ":" + Environment.ProcessId);

    private static MeterProviderBuilder ConfigureMetrics(MeterProviderBuilder builder, ProcessManagerMetrics metrics, ObservabilitySettings settings)
    {
        builder.AddMeter(ProcessManagerMetrics.MeterName, JournalMetrics.MeterName);

        // Meters are found by name process-wide: an application embedding two process managers (a test host)
        // has two meters called ProcessManager, and each daemon exports its own only.
        var latencyBuckets = LatencyBuckets.Seconds.ToArray();
        builder.AddView(instrument => instrument.Meter.Name == ProcessManagerMetrics.MeterName && !ReferenceEquals(instrument.Meter, metrics.Meter)
            ? MetricStreamConfiguration.Drop
            : instrument.GetType().Name.StartsWith("Histogram", StringComparison.Ordinal)
                ? new ExplicitBucketHistogramConfiguration { Boundaries = latencyBuckets }
                : null);
        if (settings.MetricsEnabled)
        {
            builder.AddPrometheusExporter(options => options.ScrapeResponseCacheDurationMilliseconds = 0);
        }

        return builder;
    }

    /// <summary>
    /// An endpoint set in code is used as is, so for OTLP/HTTP each signal's path is appended to the configured base URL,
    /// as OTEL_EXPORTER_OTLP_ENDPOINT would have it (gRPC has one endpoint for every signal).
    /// </summary>
    private static void Configure(OtlpExporterOptions exporter, ObservabilitySettings settings, string signalPath)
    {
        var grpc = settings.OtlpProtocol == "grpc";
        exporter.Protocol = grpc ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
        exporter.Endpoint = grpc ? settings.OtlpEndpoint : new Uri(settings.OtlpEndpoint.AbsoluteUri.TrimEnd('/') + "/" + signalPath);
    }

    /// <summary>Scrapes and health probes come every few seconds and would bury the requests worth tracing.</summary>
    private static bool IsProbe(Microsoft.AspNetCore.Http.PathString path) =>
        path.StartsWithSegments("/metrics") || path.StartsWithSegments("/health");
}
