using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using ProcessManager.Host.Observability.Tracing;
using ProcessManager.Persistence.Storage;

namespace ProcessManager.Host.Observability.Metrics;

/// <summary>
/// OpenTelemetry's pipeline in the API server's services: the Prometheus exporter answers <c>/metrics</c>, and OTLP
/// pushes the same instruments, and the spans of API requests and supervisor commands, when configured.
/// </summary>
internal static class MetricsPipeline
{
    /// <summary>Request latency buckets in seconds: API calls take microseconds to seconds.</summary>
    private static readonly double[] LatencyBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    public static void AddTo(IServiceCollection services, ProcessManagerMetrics metrics, ObservabilitySettings settings)
    {
        if (!settings.MetricsEnabled && !settings.OtlpEnabled)
        {
            return;
        }

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("pbmd", serviceInstanceId: Environment.MachineName + ":" + Environment.ProcessId));
        if (settings.OtlpEnabled && settings.OtlpTraces)
        {
            telemetry.WithTracing(builder => builder
                .AddSource(PbmTracing.SourceName)
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsProbe(context.Request.Path))
                .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(settings.TraceSampleRatio)))
                .AddOtlpExporter(exporter => Configure(exporter, settings, "v1/traces")));
        }

        telemetry.WithMetrics(builder =>
            {
                builder.AddMeter(ProcessManagerMetrics.MeterName, JournalMetrics.MeterName);

                // Meters are found by name process-wide: an application embedding two process managers (a test host)
                // has two meters called ProcessManager, and each daemon exports its own only.
                builder.AddView(instrument => instrument.Meter.Name == ProcessManagerMetrics.MeterName && !ReferenceEquals(instrument.Meter, metrics.Meter)
                    ? MetricStreamConfiguration.Drop
                    : instrument.GetType().Name.StartsWith("Histogram", StringComparison.Ordinal)
                        ? new ExplicitBucketHistogramConfiguration { Boundaries = LatencyBuckets }
                        : null);
                if (settings.MetricsEnabled)
                {
                    builder.AddPrometheusExporter(options => options.ScrapeResponseCacheDurationMilliseconds = 0);
                }

                if (settings.OtlpEnabled)
                {
                    builder.AddOtlpExporter((exporter, reader) =>
                    {
                        Configure(exporter, settings, "v1/metrics");
                        reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)settings.OtlpInterval.TotalMilliseconds;
                    });
                }
            });
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
