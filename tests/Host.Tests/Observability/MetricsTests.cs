using System.Net;
using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;
using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Contracts.Dtos;
using ProcessManager.Host.Observability;
using ActorStatus = ProcessManager.Actors.Processes.Protocol.ProcessStatus;
using ProcessStatus = ProcessManager.Contracts.Dtos.ProcessStatus;

namespace ProcessManager.Host.Tests.Observability;

public sealed class MetricsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static PrometheusSample Single(IReadOnlyList<PrometheusSample> samples, string name, params (string Key, string Value)[] labels) =>
        Assert.Single(samples, s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value));

    /// <summary>Scrapes until the observer has sampled <paramref name="program"/> (it samples every 100 ms here).</summary>
    private static async Task<IReadOnlyList<PrometheusSample>> ScrapeUntilAsync(ObservedDaemon daemon, Func<IReadOnlyList<PrometheusSample>, bool> seen)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            using var request = ObservedDaemon.Request(HttpMethod.Get, "/metrics", daemon.Daemon.Token);
            using var response = await daemon.Http.SendAsync(request, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var (samples, _) = PrometheusText.Parse(await response.Content.ReadAsStringAsync(Ct));
            if (seen(samples) || DateTime.UtcNow > deadline)
            {
                return samples;
            }

            await Task.Delay(100, Ct);
        }
    }

    [Fact]
    public async Task Metrics_are_scraped_in_prometheus_text_with_per_program_values_and_bounded_labels()
    {
        await using var daemon = await ObservedDaemon.StartAsync();
        daemon.Daemon.Backend.Set(new ProcessStatus("web", "running", 4242, 3, 12, 12.5, 123_456_789));
        daemon.Daemon.Backend.Set(new ProcessStatus("worker", "backing-off", null, 7, null, null, null));

        // The first scrape after a quiet spell wakes the observer (idle-sample-interval), which may sample in the middle of
        // that scrape: wait for one that shows both programs throughout.
        var samples = await ScrapeUntilAsync(daemon, s => s.Any(x => x.Name == "pbm_process_memory_bytes" && x.Labels.GetValueOrDefault("program") == "web")
            && s.Any(x => x.Name == "pbm_process_instances" && x.Labels.GetValueOrDefault("program") == "worker")
            && s.Any(x => x.Name == "pbm_process_restarts_total" && x.Labels.GetValueOrDefault("program") == "web"));

        Assert.Equal(123_456_789, Single(samples, "pbm_process_memory_bytes", ("program", "web")).Value);
        Assert.Equal(12.5, Single(samples, "pbm_process_cpu_percent", ("program", "web")).Value);
        Assert.Equal(12, Single(samples, "pbm_process_uptime_seconds", ("program", "web")).Value);
        Assert.Equal(3, Single(samples, "pbm_process_restarts_total", ("program", "web")).Value);
        Assert.Equal(7, Single(samples, "pbm_process_restarts_total", ("program", "worker")).Value);
        Assert.Equal(1, Single(samples, "pbm_process_instances", ("program", "worker"), ("state", "backing-off")).Value);
        samples = await ScrapeUntilAsync(daemon, s => s.Any(x => x.Name == "pbm_api_requests_total"));
        Assert.True(samples.Any(s => s.Name == "pbm_api_requests_total" && s.Labels.GetValueOrDefault("route") == "/metrics" && s.Labels.GetValueOrDefault("status") == "200"), string.Join("\n", samples.Select(s => s.Name + " " + string.Join(",", s.Labels))));

        // Labels are names, states, routes and fixed sets: never a pid.
        Assert.DoesNotContain(samples, s => s.Labels.Values.Any(v => v.Contains("4242", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_run_that_ends_is_counted_by_program_and_reason_from_the_event_stream()
    {
        await using var daemon = await ObservedDaemon.StartAsync();
        var system = daemon.Daemon.Services.GetRequiredService<ActorSystem>();
        var status = new ActorStatus("api", 0, "api-0", ProcessState.BackingOff, null, 1, null, null, null, null, 9, null, null, 0, ProcessKind.Service);
        var crashed = new ActorStatus("api", 0, "api-0", ProcessState.BackingOff, null, 1, null, null, null, 2, null, null, null, 0, ProcessKind.Service);

        // The counter subscribes when the daemon starts; publish until the first one is counted, then once more.
        var samples = await PublishUntilCountedAsync(daemon, system, new ProcessStateChanged(status, ProcessState.Running, "killed", DateTimeOffset.UtcNow));
        system.EventStream.Publish(new ProcessStateChanged(crashed, ProcessState.Running, "exited", DateTimeOffset.UtcNow));
        system.EventStream.Publish(new ProcessStateChanged(crashed, ProcessState.BackingOff, "still waiting", DateTimeOffset.UtcNow));
        samples = await ScrapeUntilAsync(daemon, s => s.Any(x => x.Name == "pbm_process_exits_total" && x.Labels.GetValueOrDefault("reason") == "exit-nonzero"));

        Assert.True(Single(samples, "pbm_process_exits_total", ("program", "api"), ("reason", "signal")).Value >= 1);
        Assert.Equal(1, Single(samples, "pbm_process_exits_total", ("program", "api"), ("reason", "exit-nonzero")).Value);
    }

    private static async Task<IReadOnlyList<PrometheusSample>> PublishUntilCountedAsync(ObservedDaemon daemon, ActorSystem system, ProcessStateChanged changed)
    {
        IReadOnlyList<PrometheusSample> samples = [];
        for (var i = 0; i < 100 && !samples.Any(s => s.Name == "pbm_process_exits_total"); i++)
        {
            system.EventStream.Publish(changed);
            samples = await ScrapeUntilAsync(daemon, s => s.Any(x => x.Name == "pbm_process_exits_total"));
        }

        return samples;
    }

    [Fact]
    public async Task Metrics_over_tcp_need_the_api_token_or_the_scrape_token_which_opens_nothing_else()
    {
        var home = Directory.CreateTempSubdirectory("pbm-scrape-").FullName;
        var scrapeFile = Path.Combine(home, "scrape.token");
        await File.WriteAllTextAsync(scrapeFile, "scrape-secret-123\n", Ct);
        await using var daemon = await ObservedDaemon.StartAsync(new ObservabilitySettings { ScrapeTokenFile = scrapeFile });

        using var anonymous = await daemon.Http.SendAsync(ObservedDaemon.Request(HttpMethod.Get, "/metrics"), Ct);
        using var withApiToken = await daemon.Http.SendAsync(ObservedDaemon.Request(HttpMethod.Get, "/metrics", daemon.Daemon.Token), Ct);
        using var withScrapeToken = await daemon.Http.SendAsync(ObservedDaemon.Request(HttpMethod.Get, "/metrics", "scrape-secret-123"), Ct);
        using var scrapeTokenElsewhere = await daemon.Http.SendAsync(ObservedDaemon.Request(HttpMethod.Get, "/v1/processes", "scrape-secret-123"), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withApiToken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withScrapeToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, scrapeTokenElsewhere.StatusCode);
        Directory.Delete(home, recursive: true);
    }

    [Fact]
    public async Task The_metrics_history_of_a_program_grows_with_samples_and_is_404_for_an_unknown_one()
    {
        await using var daemon = await ObservedDaemon.StartAsync();
        daemon.Daemon.Backend.Set(new ProcessStatus("web", "running", 4242, 0, 1, 50, 2048));

        MetricsHistory history;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        do
        {
            history = await daemon.Daemon.Unix.GetMetricsHistoryAsync("web", Ct);
            await Task.Delay(100, Ct);
        }
        while (history.Points.Count < 3 && DateTime.UtcNow < deadline);

        Assert.True(history.Points.Count >= 3, $"{history.Points.Count} points");
        Assert.All(history.Points, p => Assert.Equal(2048, p.MemoryBytes));
        var error = await Assert.ThrowsAsync<ProcessManager.Contracts.Client.PbmApiException>(() => daemon.Daemon.Unix.GetMetricsHistoryAsync("nope", Ct));
        Assert.Equal(404, error.StatusCode);
    }
}
