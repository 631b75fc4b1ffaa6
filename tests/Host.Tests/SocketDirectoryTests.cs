using ProcessManager.Host.Api;
using ProcessManager.Host.Hosting;

namespace ProcessManager.Host.Tests;

/// <summary>
/// Only those the socket mode admits can search the socket's directory, so nobody else can connect in the moment
/// between Kestrel creating the socket (with the umask) and its chmod.
/// </summary>
public sealed class SocketDirectoryTests
{
    private const UnixFileMode Mode0600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode Mode0660 = Mode0600 | UnixFileMode.GroupRead | UnixFileMode.GroupWrite;
    private const UnixFileMode Mode0700 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode Mode0710 = Mode0700 | UnixFileMode.GroupExecute;
    private const UnixFileMode Mode0755 = Mode0700 | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_pbm_home_made_0755_beforehand_is_0700_once_the_daemon_runs_and_the_socket_is_0600()
    {
        var home = Directory.CreateTempSubdirectory("pbm-socket-dir-").FullName;
        File.SetUnixFileMode(home, Mode0755);

        await using var daemon = await TestDaemon.StartAsync(new ApiSettings(), home: home);

        Assert.Equal(Mode0700, File.GetUnixFileMode(home));
        Assert.Equal(Mode0600, File.GetUnixFileMode(daemon.Ready.SocketPath));
        Assert.Contains(daemon.Logs.Messages, m => m.Contains("was mode 0755; made it 0700", StringComparison.Ordinal));
        Assert.Equal(Environment.ProcessId, (await daemon.Unix.GetDaemonStatusAsync(Ct)).Pid);
    }

    [Fact]
    public async Task A_socket_for_a_group_makes_pbm_home_searchable_by_that_group_only()
    {
        var home = Directory.CreateTempSubdirectory("pbm-socket-dir-").FullName;
        File.SetUnixFileMode(home, Mode0755);

        await using var daemon = await TestDaemon.StartAsync(new ApiSettings { UnixSocketMode = Mode0660 }, home: home);

        Assert.Equal(Mode0710, File.GetUnixFileMode(home));
        Assert.Equal(Mode0660, File.GetUnixFileMode(daemon.Ready.SocketPath));
    }

    [Fact]
    public void A_missing_socket_directory_elsewhere_is_created_private_an_existing_open_one_is_left_and_named()
    {
        var root = Directory.CreateTempSubdirectory("pbm-socket-dir-").FullName;
        try
        {
            var home = Directory.CreateDirectory(Path.Combine(root, "home")).FullName;
            var logs = new CapturingLoggerProvider();
            var logger = logs.CreateLogger("test");

            var fresh = Path.Combine(root, "run", "pbm");
            SocketDirectory.Secure(Path.Combine(fresh, "pbm.sock"), home, Mode0600, logger);
            Assert.Equal(Mode0700, File.GetUnixFileMode(fresh));

            // Not PBM_HOME: the administrator's folder is not changed, but the warning names it.
            var shared = Directory.CreateDirectory(Path.Combine(root, "shared")).FullName;
            File.SetUnixFileMode(shared, Mode0755);
            SocketDirectory.Secure(Path.Combine(shared, "pbm.sock"), home, Mode0600, logger);
            Assert.Equal(Mode0755, File.GetUnixFileMode(shared));
            Assert.Contains(logs.Messages, m => m.Contains(shared, StringComparison.Ordinal) && m.Contains("0755", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Theory]
    [InlineData("600", "700")]
    [InlineData("640", "700")]
    [InlineData("660", "710")]
    [InlineData("666", "711")]
    public void The_directory_lets_search_only_whom_the_socket_mode_lets_connect(string socket, string directory)
    {
        var required = SocketDirectory.RequiredMode((UnixFileMode)Convert.ToInt32(socket, 8));

        Assert.Equal(Convert.ToInt32(directory, 8), (int)required);
    }
}
