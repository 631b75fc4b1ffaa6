using ProcessManager.Actors.Plugins.Messages;
using Xunit;

namespace ProcessManager.Actors.Tests.Plugins;

public sealed class PluginFailureTests : PluginTestBase
{
    [Fact]
    public void A_hung_request_times_out_kills_its_worker_and_fails_only_that_request()
    {
        InstallPython("py", "pool { min = 2, max = 2 }\njob-timeout = 1s");
        var host = StartHost();
        AwaitPlugin(host, "py", s => s.Workers.Count(w => w.State == "idle") == 2);
        var hungPid = PidOf(Invoke<PluginInvoked>(host, "py", "pid"));

        host.Tell(new InvokePlugin("py", "hang"), TestActor);
        var others = Enumerable.Range(0, 3).Select(i => Invoke<PluginInvoked>(host, "py", "echo", i.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList();
        var timedOut = Expect<PluginInvocationFailed>();

        Assert.Equal(["0", "1", "2"], others.Select(o => o.ResultJson));
        Assert.Equal(PluginFailureCodes.Timeout, timedOut.Code);
        Assert.Contains("job-timeout", timedOut.Message, StringComparison.Ordinal);
        // The pool was not necessarily handing the hang to hungPid's worker: check that whichever ran it is dead.
        var killedPid = int.Parse(System.Text.RegularExpressions.Regex.Match(timedOut.Message, @"pid (\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        WaitUntil(() => !IsAlive(killedPid));
        Assert.True(hungPid > 0);
        // ...and the pool is whole again.
        AwaitPlugin(host, "py", s => s.Workers.Count(w => w.State == "idle") == 2);
        Assert.Equal(PluginFailureCodes.Timeout, timedOut.Code);
    }

    [Fact]
    public void A_crashing_worker_fails_its_request_is_replaced_and_leaves_other_plugins_alone()
    {
        InstallPython("py", "pool { min = 1, max = 1 }");
        InstallEcho("echo");
        var host = StartHost();
        AwaitPlugin(host, "py", s => s.Workers.Any(w => w.State == "idle"));
        AwaitPlugin(host, "echo", s => s.Workers.Any(w => w.State == "idle"));
        var echoPid = Invoke<PluginInvoked>(host, "echo", "echo", "0").WorkerPid;
        var before = PidOf(Invoke<PluginInvoked>(host, "py", "pid"));

        var crashed = Invoke<PluginInvocationFailed>(host, "py", "crash");
        var after = PidOf(Invoke<PluginInvoked>(host, "py", "pid"));

        Assert.Equal(PluginFailureCodes.Crashed, crashed.Code);
        Assert.Contains("exited with code 3", crashed.Message, StringComparison.Ordinal);
        Assert.NotEqual(before, after);
        Assert.Equal(echoPid, Invoke<PluginInvoked>(host, "echo", "echo", "1").WorkerPid);
        Assert.Contains("crashing as asked", File.ReadAllText(Path.Combine(Home.File("logs"), "plugin.py-0.err.log")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("garbage", "not JSON")]
    [InlineData("partial", "ended inside a frame")]
    [InlineData("huge", "announced 1073741824 bytes")]
    [InlineData("wrong-id", "id is not")]
    public void Malformed_output_fails_the_request_kills_the_worker_and_the_next_request_is_served(string method, string reason)
    {
        InstallPython("py", "pool { min = 1, max = 1 }");
        var host = StartHost();
        AwaitPlugin(host, "py", s => s.Workers.Any(w => w.State == "idle"));
        var before = PidOf(Invoke<PluginInvoked>(host, "py", "pid"));

        var failed = Invoke<PluginInvocationFailed>(host, "py", method);

        Assert.Equal(PluginFailureCodes.Protocol, failed.Code);
        Assert.Contains(reason, failed.Message, StringComparison.Ordinal);
        WaitUntil(() => !IsAlive(before));
        var after = PidOf(Invoke<PluginInvoked>(host, "py", "pid"));
        Assert.NotEqual(before, after);
    }

    [Fact]
    public void A_worker_is_recycled_after_max_jobs_and_when_over_its_memory_limit()
    {
        InstallPython("jobs", "pool { min = 1, max = 1 }\nmax-jobs-per-worker = 2");
        InstallPython("memory", "pool { min = 1, max = 1 }\nmemory-limit = 40MiB");
        var host = StartHost();
        AwaitPlugin(host, "jobs", s => s.Workers.Any(w => w.State == "idle"));
        AwaitPlugin(host, "memory", s => s.Workers.Any(w => w.State == "idle"));

        var pids = Enumerable.Range(0, 3).Select(_ => PidOf(Invoke<PluginInvoked>(host, "jobs", "pid"))).ToList();
        var small = PidOf(Invoke<PluginInvoked>(host, "memory", "pid"));
        Invoke<PluginInvoked>(host, "memory", "alloc", """{"mb":64}""");
        var afterAlloc = PidOf(Invoke<PluginInvoked>(host, "memory", "pid"));

        Assert.Equal(pids[0], pids[1]);
        Assert.NotEqual(pids[1], pids[2]);
        Assert.NotEqual(small, afterAlloc);
        Assert.Equal(1, AwaitPlugin(host, "jobs").WorkersRecycled);
        Assert.Equal(0, AwaitPlugin(host, "jobs").Failures);
    }

    [Fact]
    public void A_worker_that_answers_hello_with_another_protocol_is_not_used_and_requests_fail_clearly()
    {
        InstallPython("py", "env { FAKE_PROTOCOL = \"7\" }\npool { min = 0, max = 1 }");
        var host = StartHost();
        AwaitPlugin(host, "py");

        var failed = Invoke<PluginInvocationFailed>(host, "py", "echo", "1");

        Assert.Equal(PluginFailureCodes.Unavailable, failed.Code);
        Assert.Contains("protocol 7", failed.Message, StringComparison.Ordinal);
    }
}
