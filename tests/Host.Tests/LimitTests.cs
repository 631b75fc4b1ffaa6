using System.Diagnostics;
using ProcessManager.Contracts.Client;
using ProcessManager.Contracts.Dtos;
using ProcessManager.Host.Api;

namespace ProcessManager.Host.Tests;

/// <summary>The API's bounds answer with a JSON error a client can act on: 503 with Retry-After, 504 on timeout.</summary>
public sealed class LimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_connection_beyond_max_connections_gets_503_with_retry_after_and_closing_one_makes_room()
    {
        const int Max = 3;
        await using var daemon = await TestDaemon.StartAsync(new ApiSettings { MaxConnections = Max, OverloadConnections = 2 });
        var held = new List<RawHttpConnection>();
        try
        {
            for (var i = 0; i < Max; i++)
            {
                var connection = await RawHttpConnection.OpenAsync(daemon.Ready.SocketPath, Ct);
                held.Add(connection);
                Assert.Equal(200, (await connection.GetAsync("/v1/daemon", Ct)).Status);
            }

            using (var extra = await RawHttpConnection.OpenAsync(daemon.Ready.SocketPath, Ct))
            {
                var refused = await extra.GetAsync("/v1/daemon", Ct);

                Assert.Equal(503, refused.Status);
                Assert.Equal("1", refused.Headers["retry-after"]);
                Assert.Equal("close", refused.Headers["connection"]);
                Assert.StartsWith("application/json", refused.Headers["content-type"], StringComparison.Ordinal);
                Assert.Contains("\"error\":", refused.Body, StringComparison.Ordinal);
                Assert.Contains("pbm.api.max-connections", refused.Body, StringComparison.Ordinal);
            }

            // The idle keep-alive connections were not disturbed.
            Assert.Equal(200, (await held[1].GetAsync("/v1/processes", Ct)).Status);

            held[0].Dispose();
            held.RemoveAt(0);

            // The daemon learns of the close asynchronously; a request is served as soon as it has.
            await TestTime.EventuallyAsync(
                async () => (await daemon.Unix.SendRawAsync("GET", "/v1/daemon", null, Ct)).StatusCode == 200,
                TimeSpan.FromSeconds(10),
                "a request served after a connection closed");
        }
        finally
        {
            held.ForEach(c => c.Dispose());
        }
    }

    [Fact]
    public async Task The_client_reports_a_503_with_the_daemons_message()
    {
        await using var daemon = await TestDaemon.StartAsync(new ApiSettings { MaxConnections = 1, OverloadConnections = 1 });
        using var held = await RawHttpConnection.OpenAsync(daemon.Ready.SocketPath, Ct);
        Assert.Equal(200, (await held.GetAsync("/v1/daemon", Ct)).Status);

        var error = await Assert.ThrowsAsync<PbmApiException>(() => daemon.Unix.ListProcessesAsync(Ct));

        Assert.Equal(503, error.StatusCode);
        Assert.Contains("maximum number of connections", error.Error, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(1), error.RetryAfter);
    }

    [Fact]
    public async Task Streams_beyond_max_concurrent_streams_get_503_with_retry_after()
    {
        await using var daemon = await TestDaemon.StartAsync(new ApiSettings { MaxConcurrentStreams = 1 });
        await daemon.Unix.StartProcessAsync(new StartProcessRequest("web", ["sleep", "100"]), Ct);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        await using var first = daemon.Unix.FollowLogAsync("web", 1, cts.Token).GetAsyncEnumerator(cts.Token);
        Assert.True(await first.MoveNextAsync());

        using var second = await RawHttpConnection.OpenAsync(daemon.Ready.SocketPath, Ct);
        var refused = await second.GetAsync("/v1/events", Ct);
        var viaClient = await Assert.ThrowsAsync<PbmApiException>(async () =>
        {
            await foreach (var line in daemon.Unix.FollowLogAsync("web", 1, Ct))
            {
                Assert.Fail("the second stream must be refused, got " + line.Text);
            }
        });

        Assert.Equal(503, refused.Status);
        Assert.Equal("5", refused.Headers["retry-after"]);
        Assert.Contains("pbm.api.max-concurrent-streams", refused.Body, StringComparison.Ordinal);
        Assert.Equal(503, viaClient.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), viaClient.RetryAfter);
        Assert.Contains("max-concurrent-streams", viaClient.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_slower_than_request_timeout_gets_504_and_the_backend_call_is_cancelled()
    {
        await using var daemon = await TestDaemon.StartAsync(new ApiSettings { RequestTimeout = TimeSpan.FromMilliseconds(200) });
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        daemon.Backend.BeforeList = async ct =>
        {
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            finally
            {
                cancelled.TrySetResult();
            }
        };
        var watch = Stopwatch.StartNew();

        var (status, body) = await daemon.Unix.SendRawAsync("GET", "/v1/processes", null, Ct);

        Assert.Equal(504, status);
        Assert.Contains("\"error\":\"the daemon did not answer in time\"", body, StringComparison.Ordinal);
        Assert.Contains("pbm.api.request-timeout", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TestTime.Scale(TimeSpan.FromSeconds(10)), $"took {watch.Elapsed}");
        await cancelled.Task.WaitAsync(TestTime.Scale(TimeSpan.FromSeconds(10)), Ct);
        Assert.Contains(daemon.Logs.Messages, m => m.Contains("exceeded its timeout", StringComparison.Ordinal) && m.Contains("pbm.api.request-timeout", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_stream_outlives_the_request_timeout()
    {
        await using var daemon = await TestDaemon.StartAsync(new ApiSettings { RequestTimeout = TimeSpan.FromMilliseconds(200) });
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        await using var events = daemon.Unix.EventsAsync(cts.Token).GetAsyncEnumerator(cts.Token);
        var first = events.MoveNextAsync().AsTask();
        await daemon.Unix.StartProcessAsync(new StartProcessRequest("a", ["sleep", "100"]), Ct);
        Assert.True(await first);

        // A request that times out proves request-timeout has passed since the stream opened.
        daemon.Backend.BeforeList = ct => Task.Delay(Timeout.Infinite, ct);
        Assert.Equal(504, (await daemon.Unix.SendRawAsync("GET", "/v1/processes", null, Ct)).StatusCode);
        daemon.Backend.BeforeList = null;
        var second = events.MoveNextAsync().AsTask();
        await daemon.Unix.StartProcessAsync(new StartProcessRequest("b", ["sleep", "100"]), Ct);

        Assert.True(await second);
        Assert.Equal("b", events.Current.Process);
    }

    [Fact]
    public async Task A_command_is_bounded_by_command_timeout_not_request_timeout()
    {
        await using var daemon = await TestDaemon.StartAsync(new ApiSettings { RequestTimeout = TimeSpan.FromMilliseconds(200) });
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        daemon.Backend.BeforeStart = ct => release.Task.WaitAsync(ct);
        var starting = daemon.Unix.StartProcessAsync(new StartProcessRequest("web", ["sleep", "100"]), Ct);

        // A query timing out proves request-timeout has passed while the command waits.
        daemon.Backend.BeforeList = ct => Task.Delay(Timeout.Infinite, ct);
        Assert.Equal(504, (await daemon.Unix.SendRawAsync("GET", "/v1/daemon", null, Ct)).StatusCode);
        Assert.False(starting.IsCompleted);
        release.SetResult();

        Assert.Equal("running", (await starting).Status);
    }

    [Fact]
    public async Task A_command_slower_than_command_timeout_gets_504_naming_that_setting()
    {
        await using var daemon = await TestDaemon.StartAsync(new ApiSettings { CommandTimeout = TimeSpan.FromMilliseconds(200) });
        daemon.Backend.BeforeStart = ct => Task.Delay(Timeout.Infinite, ct);

        var error = await Assert.ThrowsAsync<PbmApiException>(() => daemon.Unix.StartProcessAsync(new StartProcessRequest("web", ["sleep", "100"]), Ct));

        Assert.Equal(504, error.StatusCode);
        Assert.Contains("pbm.api.command-timeout", error.Detail, StringComparison.Ordinal);
        Assert.Contains("may still complete", error.Detail, StringComparison.Ordinal);
    }
}
