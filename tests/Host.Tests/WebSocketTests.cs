using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using ProcessManager.Contracts;
using ProcessManager.Contracts.Dtos;
using ProcessManager.Host.Api;

namespace ProcessManager.Host.Tests;

/// <summary>Log follow as a WebSocket on the same endpoint: one JSON text message per line, same auth, same stream limit.</summary>
public sealed class WebSocketTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Follow_over_a_websocket_sends_each_line_as_json_and_closes_cleanly_when_the_client_closes()
    {
        await using var daemon = await TestDaemon.StartAsync(new ApiSettings { TcpEnabled = true, TcpPort = 0, MaxConcurrentStreams = 1 });
        await daemon.Unix.StartProcessAsync(new StartProcessRequest("web", ["sleep", "100"]), Ct);
        using var socket = Client(daemon.Token);

        await socket.ConnectAsync(FollowUri(daemon), Ct);
        var (type, text) = await ReceiveAsync(socket);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", Ct);

        Assert.Equal(HttpStatusCode.SwitchingProtocols, socket.HttpStatusCode);
        Assert.Equal(WebSocketMessageType.Text, type);
        var line = JsonSerializer.Deserialize(text, ContractsJsonContext.Default.LogLine);
        Assert.Equal("web", line?.Process);
        Assert.Equal("hello", line?.Text);
        Assert.Equal(WebSocketState.Closed, socket.State);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.CloseStatus);

        // The stream's slot was returned before the daemon's close frame: the only slot is free again.
        using var next = Client(daemon.Token);
        await next.ConnectAsync(FollowUri(daemon), Ct);
        Assert.Equal(WebSocketMessageType.Text, (await ReceiveAsync(next)).Type);
    }

    [Fact]
    public async Task A_websocket_upgrade_without_a_token_gets_401()
    {
        await using var daemon = await TestDaemon.StartAsync(new ApiSettings { TcpEnabled = true, TcpPort = 0 });
        await daemon.Unix.StartProcessAsync(new StartProcessRequest("web", ["sleep", "100"]), Ct);
        using var socket = Client(token: null);

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(FollowUri(daemon), Ct));

        Assert.Equal(HttpStatusCode.Unauthorized, socket.HttpStatusCode);
        Assert.Contains(daemon.Logs.Messages, m => m.Contains("Rejected unauthenticated API request", StringComparison.Ordinal) && m.Contains("/follow", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_websocket_beyond_max_concurrent_streams_gets_503()
    {
        await using var daemon = await TestDaemon.StartAsync(new ApiSettings { TcpEnabled = true, TcpPort = 0, MaxConcurrentStreams = 1 });
        await daemon.Unix.StartProcessAsync(new StartProcessRequest("web", ["sleep", "100"]), Ct);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        await using var chunked = daemon.Unix.FollowLogAsync("web", 1, cts.Token).GetAsyncEnumerator(cts.Token);
        Assert.True(await chunked.MoveNextAsync());
        using var socket = Client(daemon.Token);

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(FollowUri(daemon), Ct));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, socket.HttpStatusCode);
        Assert.Equal("5", Assert.Single(socket.HttpResponseHeaders!["Retry-After"]));
    }

    [Fact]
    public async Task A_websocket_follow_of_an_unknown_process_gets_404_before_the_upgrade()
    {
        await using var daemon = await TestDaemon.StartAsync(new ApiSettings { TcpEnabled = true, TcpPort = 0 });
        using var socket = Client(daemon.Token);

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(FollowUri(daemon, "ghost"), Ct));

        Assert.Equal(HttpStatusCode.NotFound, socket.HttpStatusCode);
    }

    [Fact]
    public async Task Events_over_a_websocket_arrive_as_json_messages()
    {
        await using var daemon = await TestDaemon.StartAsync(new ApiSettings { TcpEnabled = true, TcpPort = 0 });
        using var socket = Client(daemon.Token);
        await socket.ConnectAsync(new Uri($"ws://{daemon.Tcp.Host}:{daemon.Tcp.Port}/v1/events"), Ct);
        var receiving = ReceiveAsync(socket);

        await daemon.Unix.StartProcessAsync(new StartProcessRequest("web", ["sleep", "100"]), Ct);

        var change = JsonSerializer.Deserialize((await receiving).Text, ContractsJsonContext.Default.ProcessEvent);
        Assert.Equal("web", change?.Process);
        Assert.Equal("running", change?.Status);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", Ct);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.CloseStatus);
    }

    private static ClientWebSocket Client(string? token)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        if (token is not null)
        {
            socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
        }

        return socket;
    }

    private static Uri FollowUri(TestDaemon daemon, string name = "web") =>
        new($"ws://{daemon.Tcp.Host}:{daemon.Tcp.Port}/v1/logs/{name}/follow?lines=1");

    private static async Task<(WebSocketMessageType Type, string Text)> ReceiveAsync(ClientWebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        var received = 0;
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(received), Ct);
            received += result.Count;
            if (result.EndOfMessage)
            {
                return (result.MessageType, System.Text.Encoding.UTF8.GetString(buffer, 0, received));
            }
        }
    }
}
