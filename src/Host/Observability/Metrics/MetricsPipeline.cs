using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using ProcessManager.Persistence.Storage;

namespace ProcessManager.Host.Observability.Metrics;

/// <summary>
/// OpenTelemetry's metrics pipeline in the API server's services: the Prometheus exporter answers <c>/metrics</c>,
/// and OTLP pushes the same instruments when configured.
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

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("pbmd", serviceInstanceId: Environment.MachineName + ":" + Environment.ProcessId))
            .WithMetrics(builder =>
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
                        exporter.Endpoint = settings.OtlpEndpoint;
                        exporter.Protocol = settings.OtlpProtocol == "grpc" ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
                        reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)settings.OtlpInterval.TotalMilliseconds;
                    });
                }
            });
    }
}
