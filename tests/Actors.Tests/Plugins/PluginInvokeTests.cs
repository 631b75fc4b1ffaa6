using System.Text.Json;
using ProcessManager.Actors.Plugins.Messages;
using Xunit;

namespace ProcessManager.Actors.Tests.Plugins;

public sealed class PluginInvokeTests : PluginTestBase
{
    [Fact]
    public void The_CSharp_sample_answers_a_request_through_the_host()
    {
        InstallEcho("echo");
        var host = StartHost();
        AwaitPlugin(host, "echo");

        var echoed = Invoke<PluginInvoked>(host, "echo", "echo", """{"text":"hi","n":[1,2]}""");
        var upper = Invoke<PluginInvoked>(host, "echo", "upper", """{"text":"hi"}""");
        var failed = Invoke<PluginInvocationFailed>(host, "echo", "fail", """{"message":"no"}""");

        Assert.Equal("""{"text":"hi","n":[1,2]}""", echoed.ResultJson);
        Assert.Equal("HI", JsonDocument.Parse(upper.ResultJson).RootElement.GetProperty("text").GetString());
        Assert.True(echoed.WorkerPid > 0);
        Assert.Equal(PluginFailureCodes.PluginError, failed.Code);
        Assert.Contains("no", failed.Message, StringComparison.Ordinal);
        // An error answer is not a broken worker: the same one serves on.
        Assert.Equal(echoed.WorkerPid, Invoke<PluginInvoked>(host, "echo", "echo", "1").WorkerPid);
    }

    [Fact]
    public void A_python_worker_written_from_the_protocol_alone_answers_and_does_not_see_the_daemons_secrets()
    {
        Environment.SetEnvironmentVariable("PBM_TEST_DAEMON_SECRET", "hunter2");
        InstallPython("py", "env { FROM_MANIFEST = yes }");
        var host = StartHost();
        AwaitPlugin(host, "py");

        var echoed = Invoke<PluginInvoked>(host, "py", "echo", """{"a":"ü"}""");
        var env = Invoke<PluginInvoked>(host, "py", "env");

        Assert.Equal("ü", JsonDocument.Parse(echoed.ResultJson).RootElement.GetProperty("a").GetString());
        var keys = JsonDocument.Parse(env.ResultJson).RootElement.GetProperty("keys").EnumerateArray().Select(k => k.GetString()).ToList();
        Assert.Contains("FROM_MANIFEST", keys);
        Assert.Contains("PBM_PLUGIN", keys);
        Assert.DoesNotContain("PBM_TEST_DAEMON_SECRET", keys);
    }

    [Fact]
    public void Unknown_plugins_and_params_that_are_not_json_are_refused_with_the_reason()
    {
        InstallPython("py");
        var host = StartHost();
        AwaitPlugin(host, "py");

        var missing = Invoke<PluginInvocationFailed>(host, "nope", "echo");
        var bad = Invoke<PluginInvocationFailed>(host, "py", "echo", "{not json");

        Assert.Equal(PluginFailureCodes.NotFound, missing.Code);
        Assert.Contains("py", missing.Message, StringComparison.Ordinal);
        Assert.Equal(PluginFailureCodes.BadRequest, bad.Code);
        Assert.StartsWith("params:", bad.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_pool_grows_to_max_under_load_and_starts_min_workers_before_any_request()
    {
        InstallEcho("echo", "pool { min = 1, max = 3, queue = 10 }");
        var host = StartHost();
        var idle = AwaitPlugin(host, "echo", s => s.Workers.Any(w => w.State == "idle"));
        Assert.Single(idle.Workers);

        for (var i = 0; i < 3; i++)
        {
            host.Tell(new InvokePlugin("echo", "sleep", """{"ms":1500}"""), TestActor);
        }
        var pids = Enumerable.Range(0, 3).Select(_ => PidOf(Expect<PluginInvoked>())).ToHashSet();

        Assert.Equal(3, pids.Count);
        var status = AwaitPlugin(host, "echo");
        Assert.Equal(3, status.Workers.Count);
        Assert.Equal(3, status.WorkersStarted);
    }

    [Fact]
    public void A_full_queue_refuses_new_requests_and_keeps_the_accepted_ones()
    {
        InstallPython("py", "pool { min = 1, max = 1, queue = 1 }\njob-timeout = 3s");
        var host = StartHost();
        AwaitPlugin(host, "py", s => s.Workers.Any(w => w.State == "idle"));

        host.Tell(new InvokePlugin("py", "sleep", """{"ms":1000}"""), TestActor);
        host.Tell(new InvokePlugin("py", "echo", "1"), TestActor);
        host.Tell(new InvokePlugin("py", "echo", "2"), TestActor);

        var refused = Expect<PluginInvocationFailed>();
        Assert.Equal(PluginFailureCodes.QueueFull, refused.Code);
        Assert.Equal("2", refused.Method == "echo" ? "2" : "?");
        Expect<PluginInvoked>();
        Assert.Equal("1", Expect<PluginInvoked>().ResultJson);
    }
}
