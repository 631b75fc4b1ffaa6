using System.Net;
using System.Net.Sockets;
using ProcessManager.Host.Api;

namespace ProcessManager.Host.Tests.Security;

/// <summary>
/// The Unix socket and TCP count their connections apart, and a connection that never sends a request is closed after
/// header-timeout: idle TCP connections from anyone on the network cannot lock local callers out.
/// </summary>
public sealed class ConnectionLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Idle_tcp_connections_up_to_and_past_the_tcp_limit_leave_the_unix_socket_answering()
    {
        // The Unix limit is lower than the idle TCP connections opened: with one shared count the socket would be refused.
        await using var daemon = await TestDaemon.StartAsync(new ApiSettings
        {
            TcpEnabled = true,
            TcpPort = 0,
            MaxConnections = 3,
            OverloadConnections = 1,
            TcpMaxConnections = 4,
            TcpOverloadConnections = 2,
            HeaderTimeout = TimeSpan.FromMinutes(5),
        });
        var endpoint = new Uri(daemon.Ready.TcpEndpoint!);
        var idle = new List<Socket>();
        try
        {
            for (var i = 0; i < 10; i++)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(IPAddress.Loopback, endpoint.Port, Ct);
                idle.Add(socket);
            }

            // The daemon accepts asynchronously: wait until its TCP gate has taken the connections it keeps (4 + 2).
            await TestTime.EventuallyAsync(
                async () => (await daemon.Unix.GetMemoryStatsAsync(Ct)).Buffers.Single(b => b.Name == "tcp-connections").Used == 6,
                TimeSpan.FromSeconds(20),
                "six idle TCP connections held");

            var status = await daemon.Unix.GetDaemonStatusAsync(Ct);
            var stats = await daemon.Unix.GetMemoryStatsAsync(Ct);

            Assert.Equal(Environment.ProcessId, status.Pid);
            var unix = Assert.Single(stats.Buffers, b => b.Name == "connections");
            Assert.Equal(3, unix.Capacity);
            Assert.True(unix.Used <= 2, $"only the asking connections count on the socket, not TCP's: {unix.Used}");
            var tcp = Assert.Single(stats.Buffers, b => b.Name == "tcp-connections");
            Assert.Equal(4, tcp.Capacity);

            // The four past the hard cap (4 + 2) are closed unanswered: readable with nothing to read is end of stream.
            await TestTime.EventuallyAsync(
                () => Task.FromResult(idle.Count(s => s.Poll(0, SelectMode.SelectRead) && s.Available == 0) == 4),
                TimeSpan.FromSeconds(20),
                "four connections past the TCP hard cap closed");
        }
        finally
        {
            idle.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public async Task A_tcp_connection_past_tcp_max_connections_gets_503_naming_the_tcp_setting()
    {
        await using var daemon = await TestDaemon.StartAsync(new ApiSettings
        {
            TcpEnabled = true,
            TcpPort = 0,
            TcpMaxConnections = 1,
            TcpOverloadConnections = 2,
            HeaderTimeout = TimeSpan.FromMinutes(5),
        });
        var endpoint = new Uri(daemon.Ready.TcpEndpoint!);
        using var idle = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await idle.ConnectAsync(IPAddress.Loopback, endpoint.Port, Ct);
        await TestTime.EventuallyAsync(
            async () => (await daemon.Unix.GetMemoryStatsAsync(Ct)).Buffers.Single(b => b.Name == "tcp-connections").Used == 1,
            TimeSpan.FromSeconds(20),
            "the idle TCP connection held");

        var (status, body) = await daemon.TcpClient(daemon.Token).SendRawAsync("GET", "/v1/processes", null, Ct);

        Assert.Equal(503, status);
        Assert.Contains("pbm.api.tcp.max-connections", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connection_that_sends_no_request_within_header_timeout_is_closed()
    {
        await using var daemon = await TestDaemon.StartAsync(new ApiSettings
        {
            TcpEnabled = true,
            TcpPort = 0,
            HeaderTimeout = TimeSpan.FromMilliseconds(300),
        });
        var endpoint = new Uri(daemon.Ready.TcpEndpoint!);
        using var idle = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await idle.ConnectAsync(IPAddress.Loopback, endpoint.Port, Ct);
        using var unix = await RawHttpConnection.OpenAsync(daemon.Ready.SocketPath, Ct);

        // Kestrel alone would keep it for its keep-alive timeout (over two minutes).
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TestTime.Scale(TimeSpan.FromSeconds(30)));
        int read;
        try
        {
            read = await idle.ReceiveAsync(new byte[16], SocketFlags.None, timeout.Token);
        }
        catch (SocketException)
        {
            read = 0;
        }

        Assert.Equal(0, read);

        // The Unix socket has the same deadline, and a connection that did send a request keeps being served.
        await Assert.ThrowsAnyAsync<IOException>(() => unix.GetAsync("/v1/daemon", Ct));
        using var client = await RawHttpConnection.OpenAsync(daemon.Ready.SocketPath, Ct);
        Assert.Equal(200, (await client.GetAsync("/v1/daemon", Ct)).Status);
        await Task.Delay(TimeSpan.FromSeconds(1), Ct);
        Assert.Equal(200, (await client.GetAsync("/v1/daemon", Ct)).Status);
    }
}
