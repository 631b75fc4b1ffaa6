using System.Collections.Concurrent;
using ProcessManager.Actors.Os.Watching;
using ProcessManager.Actors.Processes.Configuration;
using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Hocon;
using Xunit;

namespace ProcessManager.Actors.Tests.Processes.Pm2;

/// <summary>watch: ignore globs, the inotify watcher (real files in a temp folder), the spec's keys.</summary>
public sealed class WatchTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _dir = new();

    [Theory]
    [InlineData("node_modules/x/index.js", true)]
    [InlineData("src/node_modules", true)]
    [InlineData("app.log", true)]
    [InlineData(".git/HEAD", true)]
    [InlineData("src/.app.js.swp", true)]
    [InlineData("build/out/a.tmp", true)]
    [InlineData("build/a.tmp", false)]
    [InlineData("dist/deep/file.js", true)]
    [InlineData("src/app.js", false)]
    [InlineData("logsheet.txt", false)]
    [InlineData("vendor/cache/lib.js", true)]
    [InlineData("vendor/cache", true)]
    [InlineData("vendor/cached/lib.js", false)]
    [InlineData("src/vendor/cache/lib.js", false)]
    [InlineData("__pycache__x/a.py", false)]
    public void Ignore_globs_match_components_or_paths_from_the_root(string path, bool ignored)
    {
        var ignore = new WatchIgnore([.. ProcessSpec.DefaultWatchIgnore, "build/*/*.tmp", "dist/**", "vendor/cache"]);

        Assert.Equal(ignored, ignore.IsIgnored(path));
    }

    [Fact]
    public void A_change_is_reported_relative_to_its_root_ignored_ones_are_not_and_new_folders_are_watched()
    {
        Directory.CreateDirectory(_dir.File("src"));
        Directory.CreateDirectory(_dir.File("node_modules"));
        var changes = new BlockingCollection<string>();
        using var watcher = new DirectoryWatcher([_dir.Path], new WatchIgnore(ProcessSpec.DefaultWatchIgnore), 100, (path, _) => changes.Add(path), _ => { });
        Assert.Equal(2, watcher.Count);

        File.WriteAllText(_dir.File("node_modules/dep.js"), "ignored");
        File.WriteAllText(_dir.File("debug.log"), "ignored");
        File.WriteAllText(_dir.File("src/app.js"), "changed");

        Assert.Equal("src/app.js", NextChange(changes, previous: null));

        // A batch is reported by its first path: app.js's close arriving with the new folder would hide the folder.
        DrainQuietly(changes);
        Directory.CreateDirectory(_dir.File("src/lib"));
        Assert.Equal("src/lib", NextChange(changes, previous: "src/app.js"));
        DrainQuietly(changes);
        File.WriteAllText(_dir.File("src/lib/new.js"), "x");
        Assert.Equal("src/lib/new.js", NextChange(changes, previous: "src/lib"));
    }

    [Fact]
    public void The_watch_count_is_bounded_and_says_so()
    {
        for (var i = 0; i < 5; i++)
        {
            Directory.CreateDirectory(_dir.File($"d{i}"));
        }

        var problems = new List<string>();
        using var watcher = new DirectoryWatcher([_dir.Path], new WatchIgnore([]), 3, (_, _) => { }, problems.Add);

        Assert.Equal(3, watcher.Count);
        Assert.Contains(problems, problem => problem.Contains("watch-max-directories (3)", StringComparison.Ordinal));
    }

    [Fact]
    public void Watch_reads_off_on_and_paths_and_a_relative_path_may_not_leave_the_folder()
    {
        Assert.Null(Parse("").Watch);
        Assert.Null(Parse("watch = off").Watch);
        Assert.Empty(Parse("watch = on").Watch!);
        Assert.Equal(["src", "/etc/app"], Parse("watch = [src, /etc/app]").Watch);
        Assert.Equal(ProcessSpec.DefaultWatchIgnore, Parse("").WatchIgnore);
        Assert.Equal(TimeSpan.FromMilliseconds(200), Parse("watch-debounce = 200ms").WatchDebounce);

        var error = Assert.Throws<ProcessSpecException>(() => Parse("watch = [\"../secrets\"]"));
        Assert.Contains(error.Errors, e => e.Field == "app.watch" && e.Message.Contains("inside the app's folder", StringComparison.Ordinal));
        Assert.NotEqual(Parse("watch = on"), Parse(""));
    }

    public void Dispose() => _dir.Dispose();

    /// <summary>
    /// The next change other than <paramref name="previous"/>: one write can be reported twice, when its modify and
    /// its close arrive in two reads of the inotify descriptor.
    /// </summary>
    private static string NextChange(BlockingCollection<string> changes, string? previous)
    {
        while (true)
        {
            Assert.True(changes.TryTake(out var path, (int)Patience.TotalMilliseconds, TestContext.Current.CancellationToken), "no change reported after " + (previous ?? "the start"));
            if (path != previous)
            {
                return path;
            }
        }
    }

    private static void DrainQuietly(BlockingCollection<string> changes)
    {
        while (changes.TryTake(out _, TimeSpan.FromMilliseconds(200)))
        {
        }
    }

    private static ProcessSpec Parse(string settings) =>
        ProcessSpecParser.ParseApp("app", ConfigurationFactory.ParseString("command = [sleep, \"1\"]\n" + settings));
}
