using ProcessManager.Host.Api;
using ProcessManager.Host.Hosting.DaemonLog;

namespace ProcessManager.Host.Tests.Security;

/// <summary>Files holding state, secrets or output are created 0600 in 0700 folders, whatever the umask.</summary>
public sealed class FileModeTests
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateFolder = Private | UnixFileMode.UserExecute;

    [Fact]
    public async Task Everything_in_pbm_home_is_0600_in_0700_folders()
    {
        await using var daemon = await TestDaemon.StartAsync(new ApiSettings { TcpEnabled = true, TcpPort = 0 });
        await daemon.Unix.ListProcessesAsync(TestContext.Current.CancellationToken);

        // The journal creates pbm.db when it first opens, in the background.
        var database = Path.Combine(daemon.Home, "pbm.db");
        for (var waited = 0; !File.Exists(database) && waited < 30_000; waited += 50)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        var files = Directory.EnumerateFiles(daemon.Home, "*", SearchOption.AllDirectories).ToList();

        Assert.Contains(files, f => Path.GetFileName(f) == "pbm.db");
        Assert.Contains(files, f => Path.GetFileName(f) == "api.token");
        Assert.All(files, f => Assert.True(File.GetUnixFileMode(f) == Private, $"{f} is {File.GetUnixFileMode(f)}"));
        Assert.All(
            Directory.EnumerateDirectories(daemon.Home, "*", SearchOption.AllDirectories).Append(daemon.Home),
            d => Assert.True(File.GetUnixFileMode(d) == PrivateFolder, $"{d} is {File.GetUnixFileMode(d)}"));
    }

    [Fact]
    public void The_daemon_log_and_its_rotated_files_are_0600_in_new_0700_folders_wherever_configured()
    {
        var root = Directory.CreateTempSubdirectory("pbm-modes-").FullName;
        try
        {
            var path = Path.Combine(root, "var", "log", "pbmd.log");
            using (var file = new RotatingLogFile(path, new DaemonLogSettings { MaxSize = 1024, Keep = 2 }))
            {
                for (var i = 0; i < 100; i++)
                {
                    file.Write("a line of the daemon log, long enough to fill files\n"u8);
                }
            }

            Assert.True(File.Exists(path + ".2"));
            Assert.All(Directory.EnumerateFiles(Path.GetDirectoryName(path)!), f => Assert.True(File.GetUnixFileMode(f) == Private, $"{f} is {File.GetUnixFileMode(f)}"));
            Assert.Equal(PrivateFolder, File.GetUnixFileMode(Path.Combine(root, "var", "log")));
            Assert.Equal(PrivateFolder, File.GetUnixFileMode(Path.Combine(root, "var")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
