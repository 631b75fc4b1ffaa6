using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ProcessManager.Contracts.Dtos;
using ProcessManager.Host.Hosting;
using ProcessManager.Host.Observability;

namespace ProcessManager.Host.Tests.Observability;

public sealed class LazyMetricsPipelineTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_metrics_pipeline_is_built_by_the_first_scrape_which_shows_the_exits_and_requests_counted_before_it()
    {
        await using var daemon = await ObservedDaemon.StartAsync();
        var observability = daemon.Daemon.Services.GetRequiredService<ProcessManagerRuntime>().Observability!;
        daemon.Daemon.Backend.Set(new ProcessStatus("web", "running", 4242, 0, 1, 1, 1));

        // Before any scrape: requests answered and runs ended are counted, but no pipeline exists yet.
        for (var i = 0; i < 3; i++)
        {
            await daemon.Daemon.Unix.ListProcessesAsync(Ct);
        }

        observability.Metrics.RecordExit("web", "signal");
        observability.Metrics.RecordExit("web", "signal");
        observability.Metrics.RecordExit("web", "exit-nonzero");
        Assert.False(observability.Scrape!.Started);
        Assert.False(observability.Metrics.Exporting);

        using var request = ObservedDaemon.Request(HttpMethod.Get, "/metrics", daemon.Daemon.Token);
        using var response = await daemon.Http.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (samples, _) = PrometheusText.Parse(await response.Content.ReadAsStringAsync(Ct));

        Assert.True(observability.Scrape.Started);
        Assert.True(observability.Metrics.Exporting);
        Assert.Equal(2, UnixScrape.Value(samples, "pbm_process_exits_total", ("program", "web"), ("reason", "signal")));
        Assert.Equal(1, UnixScrape.Value(samples, "pbm_process_exits_total", ("program", "web"), ("reason", "exit-nonzero")));
        Assert.Equal(3, UnixScrape.Value(samples, "pbm_api_requests_total", ("route", "/v1/processes"), ("method", "GET"), ("status", "200")));
        Assert.Equal(3, UnixScrape.Value(samples, "pbm_api_request_duration_seconds_count", ("route", "/v1/processes")));
        Assert.Equal(3, UnixScrape.Value(samples, "pbm_api_request_duration_seconds_bucket", ("route", "/v1/processes"), ("le", "+Inf")));
        Assert.True(UnixScrape.Value(samples, "pbm_api_request_duration_seconds_sum", ("route", "/v1/processes")) > 0);

        // Later scrapes are served by the same pipeline and count on from there.
        observability.Metrics.RecordExit("web", "signal");
        samples = await UnixScrape.UntilAsync(daemon.Daemon.Ready.SocketPath, s => UnixScrape.Value(s, "pbm_process_exits_total", ("program", "web"), ("reason", "signal")) == 3, Ct);
        Assert.Equal(3, UnixScrape.Value(samples, "pbm_process_exits_total", ("program", "web"), ("reason", "signal")));
    }

    [Fact]
    public async Task With_metrics_off_there_is_no_scrape_endpoint_and_nothing_is_held()
    {
        await using var daemon = await ObservedDaemon.StartAsync(new ObservabilitySettings { MetricsEnabled = false });
        var observability = daemon.Daemon.Services.GetRequiredService<ProcessManagerRuntime>().Observability!;

        using var request = ObservedDaemon.Request(HttpMethod.Get, "/metrics", daemon.Daemon.Token);
        using var response = await daemon.Http.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(observability.Scrape);
        Assert.True(observability.Metrics.Exporting);
    }
}
