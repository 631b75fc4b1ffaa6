using ProcessManager.Contracts.Client;
using ProcessManager.Host.Api;

namespace ProcessManager.Host.Tests.Security;

/// <summary>The bearer token exists only where it is used: with TCP on.</summary>
public sealed class TokenFileTests
{
    [Fact]
    public async Task With_tcp_off_no_token_file_is_written_and_rotation_is_refused()
    {
        await using var daemon = await TestDaemon.StartAsync(new ApiSettings());

        var error = await Assert.ThrowsAsync<PbmApiException>(() => daemon.Unix.RotateTokenAsync(TestContext.Current.CancellationToken));

        Assert.False(File.Exists(daemon.Ready.TokenFile), daemon.Ready.TokenFile);
        Assert.False(File.Exists(Path.Combine(daemon.Home, "api.token")));
        Assert.Equal(409, error.StatusCode);
        Assert.Contains("pbm.api.tcp.enabled", error.Detail, StringComparison.Ordinal);
        Assert.False(File.Exists(daemon.Ready.TokenFile));
    }

    [Fact]
    public async Task With_tcp_on_the_token_file_is_written_0600()
    {
        await using var daemon = await TestDaemon.StartAsync(new ApiSettings { TcpEnabled = true, TcpPort = 0 });

        Assert.True(File.Exists(daemon.Ready.TokenFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(daemon.Ready.TokenFile));
    }
}
