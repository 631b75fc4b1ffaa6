using System.Net.Sockets;
using System.Text;
using ProcessManager.Contracts.Client;
using ProcessManager.Contracts.Dtos;

namespace ProcessManager.Host.Tests;

/// <summary>What the console needs of the real backend: instances by name, bulk commands, scoped and planned applies.</summary>
public sealed partial class ActorBackendApiTests
{
    [Fact]
    public async Task An_instance_name_stops_starts_and_tails_one_instance_and_the_others_keep_running()
    {
        await using var daemon = await RealDaemon.StartAsync("pbm.process-defaults.stop.timeout = 2s\n");
        await daemon.Client.StartProcessAsync(new StartProcessRequest("web", ["sh", "-c", "echo hello; exec sleep 300"], Instances: 2), Ct);

        var stopped = await daemon.Client.StopProcessAsync("web-1", Ct);

        Assert.Equal("stopped", stopped.Status);
        Assert.Equal(1, stopped.Instance);
        var list = await daemon.Client.ListProcessesAsync(Ct);
        Assert.Equal("running", list.Single(p => p.Instance == 0).Status);
        Assert.Equal("stopped", list.Single(p => p.Instance == 1).Status);
        Assert.Equal("running", (await daemon.Client.StartProcessAsync(new StartProcessRequest("web-1"), Ct)).Status);
        await AwaitAsync(async () => (await daemon.Client.TailLogAsync("web-0", 10, Ct)).Count == 1, "web-0's line is captured");
        Assert.All(await daemon.Client.TailLogAsync("web-0", 10, Ct), line => Assert.Equal("web-0", line.Process));
        var unknown = await Assert.ThrowsAsync<PbmApiException>(() => daemon.Client.StopProcessAsync("web-7", Ct));
        Assert.Equal(404, unknown.StatusCode);
        Assert.Contains("web-7", unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bulk_stop_acts_on_a_glob_reports_each_result_and_an_unknown_name_as_failed()
    {
        await using var daemon = await RealDaemon.StartAsync("pbm.process-defaults.stop.timeout = 2s\n");
        foreach (var name in new[] { "web-a", "web-b", "api" })
        {
            await daemon.Client.StartProcessAsync(new StartProcessRequest(name, ["sleep", "300"]), Ct);
        }

        var result = await daemon.Client.BulkAsync(new BulkProcessRequest("stop", ["web-*", "ghost"]), Ct);

        Assert.Equal(["ghost", "web-a", "web-b"], result.Results.Select(r => r.Name));
        Assert.False(result.Results[0].Ok);
        Assert.Contains("unknown process 'ghost'", result.Results[0].Error, StringComparison.Ordinal);
        Assert.All(result.Results.Skip(1), r => Assert.Equal("stopped", r.Status?.Status));
        Assert.Equal("running", (await daemon.Client.ListProcessesAsync(Ct)).Single(p => p.Name == "api").Status);

        var all = await daemon.Client.BulkAsync(new BulkProcessRequest("delete", ["all"]), Ct);

        Assert.Equal(["api", "web-a", "web-b"], all.Results.Select(r => r.Name));
        Assert.All(all.Results, r => Assert.True(r.Ok, r.Error));
        Assert.Empty(await daemon.Client.ListProcessesAsync(Ct));
    }

    [Fact]
    public async Task A_bulk_request_with_an_unknown_action_or_a_bad_target_is_400_and_changes_nothing()
    {
        await using var daemon = await RealDaemon.StartAsync("pbm.process-defaults.stop.timeout = 2s\n");

        var action = await Assert.ThrowsAsync<PbmApiException>(() => daemon.Client.BulkAsync(new BulkProcessRequest("explode", ["all"]), Ct));
        var target = await Assert.ThrowsAsync<PbmApiException>(() => daemon.Client.BulkAsync(new BulkProcessRequest("stop", ["../x*"]), Ct));

        Assert.Equal(400, action.StatusCode);
        Assert.Contains("explode", action.Error, StringComparison.Ordinal);
        Assert.Equal(400, target.StatusCode);
        Assert.Contains("../x*", target.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_removes_only_the_apps_of_its_own_file_plans_without_acting_on_dry_run_and_prunes_on_request()
    {
        await using var daemon = await RealDaemon.StartAsync("pbm.process-defaults.stop.timeout = 2s\n");
        var folder = Path.Combine(daemon.Home, "project");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "apps.conf");
        await daemon.Client.StartProcessAsync(new StartProcessRequest("by-hand", ["sleep", "300"]), Ct);
        await daemon.Client.ApplyConfigAsync(new ApplyConfigRequest("processes { a { command = [sleep, \"300\"] } }\n", file), Ct);

        var plan = await daemon.Client.ApplyConfigAsync(new ApplyConfigRequest("processes { b { command = [sleep, \"300\"] } }\n", file, DryRun: true), Ct);

        Assert.Equal(["b"], plan.Added);
        Assert.Equal(["a"], plan.Removed);
        Assert.Equal(["by-hand"], plan.Kept);
        Assert.Equal(["a", "by-hand"], (await daemon.Client.ListProcessesAsync(Ct)).Select(p => p.Name).Order(StringComparer.Ordinal));

        var applied = await daemon.Client.ApplyConfigAsync(new ApplyConfigRequest("processes { b { command = [sleep, \"300\"] } }\n", file), Ct);

        Assert.Equal(["a"], applied.Removed);
        Assert.Equal(["b", "by-hand"], (await daemon.Client.ListProcessesAsync(Ct)).Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(folder, (await daemon.Client.DescribeProcessAsync("b", Ct)).WorkingDirectory);

        var pruned = await daemon.Client.ApplyConfigAsync(new ApplyConfigRequest("processes { b { command = [sleep, \"300\"] } }\n", file, Prune: true), Ct);

        Assert.Equal(["by-hand"], pruned.Removed);
        Assert.Equal(["b"], (await daemon.Client.ListProcessesAsync(Ct)).Select(p => p.Name));
    }

    [Fact]
    public async Task An_applied_file_runs_a_relative_program_from_its_own_folder_and_resolves_a_relative_cwd_there()
    {
        await using var daemon = await RealDaemon.StartAsync("pbm.process-defaults.stop.timeout = 2s\n");
        var folder = Path.Combine(daemon.Home, "project");
        Directory.CreateDirectory(Path.Combine(folder, "data"));
        var script = Path.Combine(folder, "worker.sh");
        await File.WriteAllTextAsync(script, "#!/bin/sh\necho worker in $(pwd)\nexec sleep 300\n", Ct);
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        await daemon.Client.ApplyConfigAsync(new ApplyConfigRequest(
            "processes {\n  worker { command = [./worker.sh] }\n  inside { command = [sleep, \"300\"], cwd = data }\n}\n",
            Path.Combine(folder, "apps.conf")), Ct);

        await AwaitAsync(async () => (await daemon.Client.TailLogAsync("worker", 10, Ct)).Count == 1, "the worker script ran");
        Assert.Equal($"worker in {folder}", (await daemon.Client.TailLogAsync("worker", 10, Ct))[0].Text);
        Assert.Equal(Path.Combine(folder, "data"), (await daemon.Client.DescribeProcessAsync("inside", Ct)).WorkingDirectory);
    }

    [Fact]
    public async Task Describe_shows_the_stop_signal_by_name_and_the_memory_limit_in_binary_units()
    {
        await using var daemon = await RealDaemon.StartAsync("pbm.process-defaults { stop.timeout = 2s, stop.signal = SIGINT, memory-limit = 512MiB }\n");
        await daemon.Client.StartProcessAsync(new StartProcessRequest("web", ["sleep", "300"]), Ct);

        var details = (await daemon.Client.DescribeProcessAsync("web", Ct)).Details;

        Assert.Equal("SIGINT", details["stop-signal"]);
        Assert.Equal("512 MiB", details["memory-limit"]);
    }

    [Fact]
    public async Task An_event_stream_sends_its_headers_before_any_event()
    {
        await using var daemon = await RealDaemon.StartAsync("pbm.process-defaults.stop.timeout = 2s\n");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(daemon.Client.Endpoint.SocketPath!), Ct);
        await socket.SendAsync(Encoding.ASCII.GetBytes("GET /v1/events HTTP/1.1\r\nHost: pbm\r\n\r\n"), Ct);
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        patience.CancelAfter(Patience);

        var head = new StringBuilder();
        var buffer = new byte[4096];
        while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await socket.ReceiveAsync(buffer, patience.Token);
            Assert.NotEqual(0, read);
            head.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        Assert.StartsWith("HTTP/1.1 200", head.ToString(), StringComparison.Ordinal);
        Assert.Contains("application/x-ndjson", head.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Several_logs_tail_merged_and_follow_in_one_stream_and_no_name_means_every_process()
    {
        await using var daemon = await RealDaemon.StartAsync("pbm.process-defaults.stop.timeout = 2s\n");
        await daemon.Client.StartProcessAsync(new StartProcessRequest("one", ["sh", "-c", "echo from-one; exec sleep 300"]), Ct);
        await daemon.Client.StartProcessAsync(new StartProcessRequest("two", ["sh", "-c", "echo from-two; exec sleep 300"]), Ct);
        await AwaitAsync(async () => (await daemon.Client.TailLogsAsync([], 10, Ct)).Count == 2, "both programs' lines are captured");

        var tail = await daemon.Client.TailLogsAsync([], 10, Ct);

        Assert.Equal(["one-0", "two-0"], tail.Select(line => line.Process).Order(StringComparer.Ordinal));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        stop.CancelAfter(Patience);
        var seen = new List<string>();
        await foreach (var line in daemon.Client.FollowLogsAsync(["o*", "two"], 10, stop.Token))
        {
            seen.Add(line.Text);
            if (seen.Count == 2)
            {
                break;
            }
        }

        Assert.Equal(["from-one", "from-two"], seen.Order(StringComparer.Ordinal));
        var unknown = await Assert.ThrowsAsync<PbmApiException>(() => daemon.Client.TailLogsAsync(["ghost"], 10, Ct));
        Assert.Equal(404, unknown.StatusCode);
    }
}
