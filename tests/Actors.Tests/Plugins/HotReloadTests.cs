using Akka.Actor;
using ProcessManager.Actors.Plugins.Messages;
using Xunit;

namespace ProcessManager.Actors.Tests.Plugins;

public sealed class HotReloadTests : PluginTestBase
{
    [Fact]
    public void A_changed_manifest_under_load_drains_the_old_pool_and_no_accepted_request_is_lost()
    {
        var folder = InstallPython("py", "pool { min = 2, max = 2, queue = 1000 }");
        var host = StartHost();
        var before = AwaitPlugin(host, "py", s => s.Workers.Count(w => w.State == "idle") == 2);
        var oldPids = before.Workers.Select(w => w.Pid).ToHashSet();

        const int Requests = 60;
        for (var i = 0; i < Requests / 2; i++)
        {
            host.Tell(new InvokePlugin("py", "sleep", """{"ms":20}"""), TestActor);
        }
        WriteManifest(folder, "py", "[\"python3\", \"worker.py\"]", "version = \"2.0\"\npool { min = 2, max = 2, queue = 1000 }");
        for (var i = Requests / 2; i < Requests; i++)
        {
            host.Tell(new InvokePlugin("py", "sleep", """{"ms":20}"""), TestActor);
        }
        var replies = Enumerable.Range(0, Requests).Select(_ => Expect<object>()).ToList();

        Assert.All(replies, r => Assert.IsType<PluginInvoked>(r));
        var after = AwaitPlugin(host, "py", s => s.Manifest.Version == "2.0" && s.Workers.Count(w => w.State == "idle") == 2 && s.Workers.All(w => w.Generation == s.Generation));
        Assert.True(after.Generation > before.Generation);
        Assert.Empty(after.Workers.Select(w => w.Pid).Intersect(oldPids));
        WaitUntil(() => oldPids.All(pid => !IsAlive(pid)));
        Assert.Equal(0, after.Failures);
    }

    [Fact]
    public void A_removed_plugin_is_stopped_a_new_one_started_and_a_broken_manifest_reported_without_touching_the_others()
    {
        var doomed = InstallPython("doomed");
        InstallPython("keeper");
        var host = StartHost();
        var pid = AwaitPlugin(host, "doomed", s => s.Workers.Any(w => w.State == "idle")).Workers[0].Pid;
        AwaitPlugin(host, "keeper", s => s.Workers.Any(w => w.State == "idle"));

        Directory.Delete(doomed, recursive: true);
        InstallEcho("fresh");
        var broken = Path.Combine(PluginsDirectory, "broken");
        Directory.CreateDirectory(broken);
        File.WriteAllText(Path.Combine(broken, "plugin.conf"), "name = broken\ncommand = [\"../escape\"]\n");

        AwaitPlugin(host, "fresh", s => s.Workers.Any(w => w.State == "idle"));
        AwaitAssert(() => Assert.Equal(PluginFailureCodes.NotFound, Invoke<PluginInvocationFailed>(host, "doomed", "echo").Code), Patience, TimeSpan.FromMilliseconds(100), TestContext.Current.CancellationToken);
        WaitUntil(() => !IsAlive(pid));
        host.Tell(ListPlugins.Instance, TestActor);
        var list = Expect<PluginList>();
        Assert.Equal(["fresh", "keeper"], list.Plugins.Select(p => p.Manifest.Name));
        var problem = Assert.Single(list.Problems);
        Assert.Contains("plugin.conf:2: command: '../escape' leaves the plugin folder", problem.Errors[0], StringComparison.Ordinal);
        Assert.Equal("{}", Invoke<PluginInvoked>(host, "keeper", "echo", "{}").ResultJson);
    }

    [Fact]
    public void A_manifest_written_last_or_a_folder_moved_in_is_read_at_once_without_waiting_for_the_quiet_time()
    {
        InstallPython("first");
        var host = StartHost(Settings with { WatchDebounce = TimeSpan.FromHours(1) });
        // The first scan is done: from here on only the watcher can find a plugin (the debounced rescan waits an hour).
        AwaitPlugin(host, "first");
        var folder = Path.Combine(PluginsDirectory, "late");
        Directory.CreateDirectory(folder);
        File.Copy(PythonWorker, Path.Combine(folder, "worker.py"));

        // Written again on each look: the watcher is built on the thread pool and may not be in place for the first write.
        AwaitAssert(
            () =>
            {
                WriteManifest(folder, "late", "[\"python3\", \"worker.py\"]", "");
                Assert.IsType<PluginStatus>(host.Ask<object>(new DescribePlugin("late"), Patience).Result);
            },
            Patience,
            TimeSpan.FromMilliseconds(500),
            TestContext.Current.CancellationToken);

        Assert.Equal("\"hi\"", Invoke<PluginInvoked>(host, "late", "echo", "\"hi\"").ResultJson);

        // A whole folder moved in raises one event, for the folder: its files are complete and read at once too.
        var staged = Home.File("staged");
        Directory.CreateDirectory(staged);
        File.Copy(PythonWorker, Path.Combine(staged, "worker.py"));
        WriteManifest(staged, "moved", "[\"python3\", \"worker.py\"]", "");
        Directory.Move(staged, Path.Combine(PluginsDirectory, "moved"));
        AwaitPlugin(host, "moved");
        Assert.Equal("2", Invoke<PluginInvoked>(host, "moved", "echo", "2").ResultJson);
    }

    [Fact]
    public void Reload_by_hand_rereads_the_manifest_and_refuses_a_broken_one_keeping_the_running_version()
    {
        var folder = InstallPython("py");
        var host = StartHost(Settings with { WatchDebounce = TimeSpan.FromHours(1) });
        var first = AwaitPlugin(host, "py", s => s.Workers.Any(w => w.State == "idle"));

        WriteManifest(folder, "py", "[\"python3\", \"worker.py\"]", "version = \"3\"");
        host.Tell(new ReloadPlugin("py"), TestActor);
        var reloaded = Expect<PluginReloaded>();
        File.WriteAllText(Path.Combine(folder, "plugin.conf"), "name = py\ncommand = oops\n");
        host.Tell(new ReloadPlugin("py"), TestActor);
        var refused = Expect<PluginReloadFailed>();

        Assert.Equal("3", reloaded.Version);
        Assert.True(reloaded.Generation > first.Generation);
        Assert.Contains("plugin.conf:2: command:", refused.Errors[0], StringComparison.Ordinal);
        Assert.Equal("3", AwaitPlugin(host, "py").Manifest.Version);
        Assert.Equal("1", Invoke<PluginInvoked>(host, "py", "echo", "1").ResultJson);
    }
}
