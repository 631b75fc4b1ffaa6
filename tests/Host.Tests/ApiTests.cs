using System.Text;
using Akka.Event;
using Microsoft.Extensions.DependencyInjection;
using ProcessManager.Contracts.Client;
using ProcessManager.Contracts.Dtos;
using ProcessManager.Host.Api;
using ProcessManager.Host.Hosting;

namespace ProcessManager.Host.Tests;

public sealed class ApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_unknown_process_is_404_with_an_actionable_message_and_no_stack_trace()
    {
        await using var daemon = await TestDaemon.StartAsync();

        var (status, body) = await daemon.Unix.SendRawAsync("GET", "/v1/processes/ghost", null, Ct);

        Assert.Equal(404, status);
        Assert.Contains("unknown process 'ghost'", body, StringComparison.Ordinal);
        Assert.Contains("pbm process list", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_json_body_is_400_naming_the_position()
    {
        await using var daemon = await TestDaemon.StartAsync();

        var (status, body) = await daemon.Unix.SendRawAsync("POST", "/v1/processes", Encoding.UTF8.GetBytes("{\"name\": web}"), Ct);

        Assert.Equal(400, status);
        Assert.Contains("not valid JSON at line 1", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_process_name_in_a_start_request_is_400()
    {
        await using var daemon = await TestDaemon.StartAsync();

        var error = await Assert.ThrowsAsync<PbmApiException>(() => daemon.Unix.StartProcessAsync(new StartProcessRequest("../evil", ["true"]), Ct));

        Assert.Equal(400, error.StatusCode);
        Assert.Contains("invalid process name", error.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_route_is_a_json_404()
    {
        await using var daemon = await TestDaemon.StartAsync();

        var (status, body) = await daemon.Unix.SendRawAsync("GET", "/v2/everything", null, Ct);

        Assert.Equal(404, status);
        Assert.Contains("no such API resource", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_list_stop_and_delete_go_through_the_backend()
    {
        await using var daemon = await TestDaemon.StartAsync();

        var started = await daemon.Unix.StartProcessAsync(new StartProcessRequest("web", ["sleep", "100"]), Ct);
        var listed = await daemon.Unix.ListProcessesAsync(Ct);
        var stopped = await daemon.Unix.StopProcessAsync("web", Ct);
        await daemon.Unix.DeleteProcessAsync("web", Ct);

        Assert.Equal("running", started.Status);
        Assert.Equal("web", Assert.Single(listed).Name);
        Assert.Equal("stopped", stopped.Status);
        Assert.Empty(await daemon.Unix.ListProcessesAsync(Ct));
    }

    [Fact]
    public async Task Events_stream_as_newline_delimited_json()
    {
        await using var daemon = await TestDaemon.StartAsync();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        await using var events = daemon.Unix.EventsAsync(cts.Token).GetAsyncEnumerator(cts.Token);
        var next = events.MoveNextAsync().AsTask();

        await daemon.Unix.StartProcessAsync(new StartProcessRequest("web", ["sleep", "100"]), Ct);

        Assert.True(await next);
        Assert.Equal("web", events.Current.Process);
        Assert.Equal("running", events.Current.Status);
    }

    [Fact]
    public async Task Performance_stats_count_served_commands_and_report_percentiles()
    {
        await using var daemon = await TestDaemon.StartAsync();
        for (var i = 0; i < 5; i++)
        {
            await daemon.Unix.ListProcessesAsync(Ct);
        }

        var stats = await daemon.Unix.GetPerformanceStatsAsync(Ct);

        Assert.True(stats.CommandsServed >= 5, $"served {stats.CommandsServed}");
        Assert.True(stats.LatencyP50Ms > 0);
        Assert.True(stats.LatencyP99Ms >= stats.LatencyP50Ms);
    }

    [Fact]
    public async Task Memory_stats_report_rss_and_the_bounded_buffers()
    {
        await using var daemon = await TestDaemon.StartAsync();

        var stats = await daemon.Unix.GetMemoryStatsAsync(Ct);

        Assert.True(stats.ResidentBytes > 1024 * 1024);
        Assert.Contains(stats.Buffers, b => b.Subsystem == "api" && b.Name == "streams" && b.Capacity == new ApiSettings().MaxConcurrentStreams);
        Assert.Contains(stats.Buffers, b => b.Subsystem == "fake");
        var connections = Assert.Single(stats.Buffers, b => b.Subsystem == "api" && b.Name == "connections");
        Assert.Equal(new ApiSettings().MaxConnections, connections.Capacity);
        Assert.True(connections.Used >= 1, "the asking connection itself is open");
    }

    [Fact]
    public async Task A_second_daemon_on_the_same_home_is_refused_naming_the_holder_pid()
    {
        await using var first = await TestDaemon.StartAsync();

        var error = await Assert.ThrowsAsync<DaemonAlreadyRunningException>(() => TestDaemon.StartAsync(home: first.Home));

        Assert.Equal(Environment.ProcessId, error.HolderPid);
        Assert.Equal(Environment.ProcessId, DaemonLock.ReadHolder(Path.Combine(first.Home, "pbmd.lock")));
        Assert.Contains($"pid {Environment.ProcessId}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stopping_the_host_terminates_the_actor_system_removes_the_socket_and_frees_the_lock()
    {
        await using var daemon = await TestDaemon.StartAsync();
        var system = daemon.Services.GetRequiredService<Akka.Actor.ActorSystem>();

        await daemon.StopAsync();

        Assert.True(system.WhenTerminated.IsCompleted);
        Assert.False(File.Exists(daemon.Ready.SocketPath));
        using var again = DaemonLock.Acquire(Path.Combine(daemon.Home, "pbmd.lock"));
    }

    [Fact]
    public async Task Akka_logs_through_the_hosts_loggers()
    {
        await using var daemon = await TestDaemon.StartAsync();
        var system = daemon.Services.GetRequiredService<Akka.Actor.ActorSystem>();

        system.Log.Warning("a warning from inside the actor system");

        await TestTime.EventuallyAsync(
            () => Task.FromResult(daemon.Logs.Messages.Any(m => m.Contains("a warning from inside the actor system", StringComparison.Ordinal))),
            TimeSpan.FromSeconds(10),
            "the warning reached the host's logger");
    }

    [Fact]
    public async Task Invalid_api_settings_name_the_setting()
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => TestDaemon.StartAsync(new ApiSettings { MaxConnections = 0 }));

        Assert.Contains("pbm.api.max-connections", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_since_returns_only_entries_at_or_after_that_time()
    {
        await using var daemon = await TestDaemon.StartAsync();
        await daemon.Unix.StartProcessAsync(new StartProcessRequest("web", ["sleep", "100"]), Ct);
        var t0 = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
        daemon.Backend.History =
        [
            new HistoryEntry(1, t0, "declared", null),
            new HistoryEntry(2, t0.AddMinutes(5), "started", "pid 1"),
            new HistoryEntry(3, t0.AddMinutes(10), "exited", "code 0"),
        ];

        var viaClient = await daemon.Unix.GetHistoryAsync("web", t0.AddMinutes(5), Ct);
        var (status, body) = await daemon.Unix.SendRawAsync("GET", "/v1/processes/web/history?since=2026-11-22T11:07:00%2B01:00", null, Ct);
        var all = await daemon.Unix.GetHistoryAsync("web", Ct);

        Assert.Equal([2L, 3L], viaClient.Select(e => e.SequenceNr));
        Assert.Equal(200, status);
        Assert.Contains("\"exited\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("\"started\"", body, StringComparison.Ordinal);
        Assert.Equal(3, all.Count);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("22/11/2026")]
    [InlineData("2026-13-01T00:00:00Z")]
    public async Task A_history_since_that_is_not_an_iso_time_is_400_naming_the_query(string since)
    {
        await using var daemon = await TestDaemon.StartAsync();
        await daemon.Unix.StartProcessAsync(new StartProcessRequest("web", ["sleep", "100"]), Ct);

        var (status, body) = await daemon.Unix.SendRawAsync("GET", "/v1/processes/web/history?since=" + Uri.EscapeDataString(since), null, Ct);

        Assert.Equal(400, status);
        Assert.Contains("query 'since' must be an ISO-8601 time", body, StringComparison.Ordinal);
        Assert.Contains(since, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_method_is_a_json_405()
    {
        await using var daemon = await TestDaemon.StartAsync();

        var (status, body) = await daemon.Unix.SendRawAsync("DELETE", "/v1/processes/web/history", null, Ct);

        Assert.Equal(405, status);
        Assert.Contains("\"error\":\"method DELETE is not allowed here\"", body, StringComparison.Ordinal);
        Assert.Contains("GET", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unexpected_failure_is_a_json_500_without_its_message_or_stack_trace_and_is_logged()
    {
        await using var daemon = await TestDaemon.StartAsync();
        daemon.Backend.BeforeList = _ => throw new InvalidOperationException("secret internals");

        var (status, body) = await daemon.Unix.SendRawAsync("GET", "/v1/processes", null, Ct);

        Assert.Equal(500, status);
        Assert.Contains("\"error\":\"internal error\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("secret internals", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
        Assert.Contains(daemon.Logs.Messages, m => m.StartsWith("Error: Unhandled error in GET /v1/processes", StringComparison.Ordinal));
    }
}
