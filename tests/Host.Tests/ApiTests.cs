using System.Text;
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
    public async Task Streams_beyond_the_configured_maximum_get_429()
    {
        await using var daemon = await TestDaemon.StartAsync(new ApiSettings { MaxConcurrentStreams = 1 });
        await daemon.Unix.StartProcessAsync(new StartProcessRequest("web", ["sleep", "100"]), Ct);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        await using var first = daemon.Unix.FollowLogAsync("web", 1, cts.Token).GetAsyncEnumerator(cts.Token);
        Assert.True(await first.MoveNextAsync());

        var error = await Assert.ThrowsAsync<PbmApiException>(async () =>
        {
            await foreach (var line in daemon.Unix.FollowLogAsync("web", 1, Ct))
            {
                Assert.Fail("the second stream must be refused, got " + line.Text);
            }
        });

        Assert.Equal(429, error.StatusCode);
        Assert.Contains("max-concurrent-streams", error.Detail, StringComparison.Ordinal);
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
        Assert.Contains(stats.Buffers, b => b.Subsystem == "api" && b.Name == "streams" && b.Capacity == 64);
        Assert.Contains(stats.Buffers, b => b.Subsystem == "fake");
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
    public async Task Stopping_the_host_stops_the_backend_removes_the_socket_and_frees_the_lock()
    {
        var daemon = await TestDaemon.StartAsync();
        var home = daemon.Home;
        var socket = daemon.Ready.SocketPath;
        var backend = daemon.Backend;

        await daemon.DisposeAsync();

        Assert.True(backend.Stopped);
        Assert.False(File.Exists(socket));
        using var again = DaemonLock.Acquire(Path.Combine(Path.GetTempPath(), $"pbm-lock-{Guid.NewGuid():N}"));
        Assert.False(Directory.Exists(home) && File.Exists(Path.Combine(home, "pbm.sock")));
    }

    [Fact]
    public async Task Invalid_api_settings_name_the_setting()
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => TestDaemon.StartAsync(new ApiSettings { MaxConnections = 0 }));

        Assert.Contains("pbm.api.max-connections", error.Message, StringComparison.Ordinal);
    }
}
