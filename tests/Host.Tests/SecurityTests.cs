using System.Text;
using ProcessManager.Contracts.Client;
using ProcessManager.Host.Api;

namespace ProcessManager.Host.Tests;

public sealed class SecurityTests
{
    [Fact]
    public async Task The_unix_socket_is_created_with_mode_0600()
    {
        await using var daemon = await TestDaemon.StartAsync();

        var mode = File.GetUnixFileMode(daemon.Ready.SocketPath);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
    }

    [Fact]
    public async Task With_the_socket_turned_off_only_tcp_serves_and_no_socket_file_exists()
    {
        await using var daemon = await TestDaemon.StartAsync(new ApiSettings { UnixSocketEnabled = false, TcpEnabled = true, TcpPort = 0 });

        var processes = await daemon.TcpClient(daemon.Token).ListProcessesAsync(TestContext.Current.CancellationToken);

        Assert.Empty(processes);
        Assert.False(File.Exists(daemon.Ready.SocketPath));
    }

    [Fact]
    public async Task Unix_socket_callers_need_no_token()
    {
        await using var daemon = await TestDaemon.StartAsync();

        var status = await daemon.Unix.GetDaemonStatusAsync(TestContext.Current.CancellationToken);

        Assert.Equal(Environment.ProcessId, status.Pid);
    }

    [Fact]
    public async Task A_tcp_request_without_a_token_gets_401_with_a_json_error()
    {
        await using var daemon = await TestDaemon.StartAsync();

        var (status, body) = await daemon.TcpClient(null).SendRawAsync("GET", "/v1/processes", null, TestContext.Current.CancellationToken);

        Assert.Equal(401, status);
        Assert.Contains("\"error\":\"unauthorized\"", body, StringComparison.Ordinal);
        Assert.Contains("token", body, StringComparison.Ordinal);
        Assert.Contains(daemon.Logs.Messages, m => m.StartsWith("Warning: Rejected unauthenticated API request from 127.0.0.1: GET /v1/processes (no token)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_tcp_request_with_a_wrong_token_gets_401()
    {
        await using var daemon = await TestDaemon.StartAsync();

        var error = await Assert.ThrowsAsync<PbmApiException>(() => daemon.TcpClient("not-the-token").ListProcessesAsync(TestContext.Current.CancellationToken));

        Assert.Equal(401, error.StatusCode);
        Assert.Contains(daemon.Logs.Messages, m => m.Contains("Rejected unauthenticated API request", StringComparison.Ordinal) && m.Contains("(wrong token)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_tcp_request_with_the_token_from_the_0600_token_file_is_served()
    {
        await using var daemon = await TestDaemon.StartAsync();

        var processes = await daemon.TcpClient(daemon.Token).ListProcessesAsync(TestContext.Current.CancellationToken);

        Assert.Empty(processes);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(daemon.Ready.TokenFile));
    }

    [Fact]
    public async Task After_rotation_the_old_token_is_refused_and_the_new_one_accepted()
    {
        await using var daemon = await TestDaemon.StartAsync();
        var old = daemon.Token;

        var rotation = await daemon.Unix.RotateTokenAsync(TestContext.Current.CancellationToken);

        Assert.Equal(daemon.Ready.TokenFile, rotation.TokenFile);
        Assert.NotEqual(old, daemon.Token);
        var refused = await Assert.ThrowsAsync<PbmApiException>(() => daemon.TcpClient(old).ListProcessesAsync(TestContext.Current.CancellationToken));
        Assert.Equal(401, refused.StatusCode);
        await daemon.TcpClient(daemon.Token).ListProcessesAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task An_oversized_request_is_rejected_with_413()
    {
        await using var daemon = await TestDaemon.StartAsync(new ApiSettings { MaxRequestSize = 4096 });
        var body = Encoding.UTF8.GetBytes($"{{\"text\":\"{new string('x', 10_000)}\",\"fileName\":\"big.conf\"}}");

        var (status, text) = await daemon.Unix.SendRawAsync("POST", "/v1/apply", body, TestContext.Current.CancellationToken);

        Assert.Equal(413, status);
        Assert.Contains("4096", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/v1/logs/..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/v1/logs/..")]
    [InlineData("/v1/logs/a%2Fb/follow")]
    [InlineData("/v1/logs/.hidden")]
    public async Task Path_traversal_in_a_log_name_is_rejected_with_400(string path)
    {
        await using var daemon = await TestDaemon.StartAsync();

        var (status, body) = await daemon.Unix.SendRawAsync("GET", path, null, TestContext.Current.CancellationToken);

        Assert.True(status is 400 or 404, $"{path} answered {status}: {body}");
        Assert.DoesNotContain("root:", body, StringComparison.Ordinal);
        if (status == 400)
        {
            Assert.Contains("invalid log name", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_encoded_traversal_name_is_400_not_404()
    {
        await using var daemon = await TestDaemon.StartAsync();

        var (status, body) = await daemon.Unix.SendRawAsync("GET", "/v1/logs/..%2F..%2Fetc%2Fpasswd", null, TestContext.Current.CancellationToken);

        Assert.Equal(400, status);
        Assert.Contains("invalid log name", body, StringComparison.Ordinal);
    }
}
