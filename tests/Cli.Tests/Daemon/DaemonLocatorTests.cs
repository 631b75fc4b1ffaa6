using ProcessManager.Cli.Commands.Daemon;

namespace ProcessManager.Cli.Tests.Daemon;

/// <summary>pbm finds the daemon of its source tree: the ReadyToRun publish when it is newer than the build.</summary>
public sealed class DaemonLocatorTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("pbm-locator-").FullName;

    private string Cli => Path.Combine(_root, "src", "Cli", "bin", "Release", "net10.0", "linux-x64", "publish");

    private string Build => Path.Combine(_root, "src", "Daemon", "bin", "Release", "net10.0", "pbmd.dll");

    private string Published => Path.Combine(_root, "src", "Daemon", "bin", "Release", "net10.0", "linux-x64", "publish", "pbmd");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void The_publish_is_run_directly_when_it_is_newer_than_the_build()
    {
        Touch(Build, DateTime.UtcNow.AddMinutes(-10));
        Touch(Published, DateTime.UtcNow);

        var start = DaemonLocator.Find(_ => null, Cli);

        Assert.NotNull(start);
        Assert.Equal(Published, start.FileName);
        Assert.Empty(start.ArgumentList);
    }

    [Fact]
    public void The_build_is_run_with_dotnet_when_the_publish_is_older()
    {
        Touch(Published, DateTime.UtcNow.AddMinutes(-10));
        Touch(Build, DateTime.UtcNow);

        var start = DaemonLocator.Find(_ => null, Cli);

        Assert.NotNull(start);
        Assert.Equal([Build], start.ArgumentList);
    }

    [Fact]
    public void The_build_is_found_when_nothing_was_published_and_PBM_DAEMON_wins_over_both()
    {
        Touch(Build, DateTime.UtcNow);
        Assert.Equal([Build], DaemonLocator.Find(_ => null, Cli)!.ArgumentList);

        var configured = Path.Combine(_root, "elsewhere", "pbmd");
        Touch(configured, DateTime.UtcNow.AddDays(-1));
        Touch(Published, DateTime.UtcNow);
        Assert.Equal(configured, DaemonLocator.Find(name => name == "PBM_DAEMON" ? configured : null, Cli)!.FileName);
    }

    private static void Touch(string path, DateTime time)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "");
        File.SetLastWriteTimeUtc(path, time);
    }
}
