using ProcessManager.Contracts.Client;
using ProcessManager.Contracts.Dtos;

namespace ProcessManager.Cluster.Tests;

/// <summary>
/// `pbm --node NAME` for the calls another node's supervisor does not answer: its daemon's status, statistics, actor
/// tree, USB table and live metrics come from that node's own API, never from the daemon pbm talks to; a signal
/// reaches its program; and a message bigger than Akka's default frame crosses.
/// </summary>
[Collection(SharedFleetGroup.Name)]
public sealed class FleetDiagnosticsTests(SharedFleet shared)
{
    private readonly Fleet _fleet = shared.Fleet;

    [Fact]
    public async Task Another_nodes_actor_tree_is_walked_on_that_node()
    {
        var (n1, n2) = (_fleet[0], _fleet[1]);
        try
        {
            Assert.Equal(0, (await n2.PbmAsync("process", "start", "tree-of-n2", "--", "sleep", "600")).ExitCode);
            Assert.Single(await n2.RunningAsync("tree-of-n2"));

            var remote = await n1.ClientFor("n2").GetHierarchyAsync(4, TestContext.Current.CancellationToken);
            var app = Assert.Single(Flatten(remote), a => a.Path == "/user/processes/tree-of-n2");
            // Walked where the actors live: their types are known there, never from another node.
            Assert.Equal("AppActor", app.Type);
            Assert.DoesNotContain(Flatten(await n1.Client.GetHierarchyAsync(4, TestContext.Current.CancellationToken)), a => a.Name == "tree-of-n2");
        }
        finally
        {
            await n2.PbmAsync("process", "delete", "tree-of-n2");
        }
    }

    [Fact]
    public async Task Another_nodes_statistics_are_that_daemons_own()
    {
        var n1 = _fleet[0];
        var n2 = _fleet[1];
        var throughN1 = n1.ClientFor("n2");
        var before = await throughN1.GetPerformanceStatsAsync(TestContext.Current.CancellationToken);
        var n1Before = await n1.Client.GetPerformanceStatsAsync(TestContext.Current.CancellationToken);

        // 30 requests that only n2's API serves.
        for (var i = 0; i < 30; i++)
        {
            await n2.Client.ListProcessesAsync(TestContext.Current.CancellationToken);
        }

        var after = await throughN1.GetPerformanceStatsAsync(TestContext.Current.CancellationToken);
        var n1After = await n1.Client.GetPerformanceStatsAsync(TestContext.Current.CancellationToken);
        Assert.True(after.CommandsServed - before.CommandsServed >= 30, $"n2 served {after.CommandsServed - before.CommandsServed} commands");
        Assert.True(n1After.CommandsServed - n1Before.CommandsServed < 30, $"n1 served {n1After.CommandsServed - n1Before.CommandsServed} commands");

        var memory = await throughN1.GetMemoryStatsAsync(TestContext.Current.CancellationToken);
        Assert.True(memory.ResidentBytes > 0);
        Assert.Contains(memory.Buffers, b => b is { Subsystem: "journal", Name: "write-queue" });
        Assert.Contains(memory.Buffers, b => b is { Subsystem: "api", Name: "connections" });
    }

    [Fact]
    public async Task A_signal_through_one_node_reaches_the_program_on_another()
    {
        var (n1, n2) = (_fleet[0], _fleet[1]);
        try
        {
            Assert.Equal(0, (await n2.PbmAsync("process", "start", "signal-on-n2", "--", "sleep", "600")).ExitCode);
            var pid = Assert.Single(await n2.RunningAsync("signal-on-n2")).Pid;

            var signalled = await n1.ClientFor("n2").SignalProcessAsync("signal-on-n2", "SIGCONT", TestContext.Current.CancellationToken);

            Assert.Equal(pid, Assert.Single(signalled.Signalled).Pid);
        }
        finally
        {
            await n2.PbmAsync("process", "delete", "signal-on-n2");
        }
    }

    [Fact]
    public async Task The_daemons_own_requests_are_answered_by_the_node_named()
    {
        var (n1, n3) = (_fleet[0], _fleet[2]);
        var throughN1 = n1.ClientFor("n3");

        var status = await throughN1.GetDaemonStatusAsync(TestContext.Current.CancellationToken);
        Assert.Equal((n3.Pid, n3.Home), (status.Pid, status.PbmHome));

        // USB: n3's own watcher answers (its table, as n3 itself lists it).
        Assert.Equal(
            (await n3.Client.ListUsbDevicesAsync(TestContext.Current.CancellationToken)).Select(d => d.Id),
            (await throughN1.ListUsbDevicesAsync(TestContext.Current.CancellationToken)).Select(d => d.Id));


        // An error of n3's API comes back as it is.
        var own = await Assert.ThrowsAsync<PbmApiException>(() => n3.Client.DescribeUsbDeviceAsync("9-9", TestContext.Current.CancellationToken));
        var forwarded = await Assert.ThrowsAsync<PbmApiException>(() => throughN1.DescribeUsbDeviceAsync("9-9", TestContext.Current.CancellationToken));
        Assert.Equal((own.StatusCode, own.Error), (forwarded.StatusCode, forwarded.Error));
        Assert.InRange(forwarded.StatusCode, 400, 499);
    }

    [Fact]
    public async Task Another_nodes_live_metrics_stream_through_this_one_as_pbm_top_reads_them()
    {
        var (n1, n3) = (_fleet[0], _fleet[2]);
        try
        {
            Assert.Equal(0, (await n3.PbmAsync("process", "start", "top-of-n3", "--", "sleep", "600")).ExitCode);
            var pid = Assert.Single(await n3.RunningAsync("top-of-n3")).Pid;

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            stop.CancelAfter(Built.Scaled(TestTiming.CommandSeconds));
            var snapshots = 0;
            await foreach (var snapshot in n1.ClientFor("n3").MetricsAsync(stop.Token))
            {
                // n3's own samples: its program, with its pid (a sample from before its start may come first); two of
                // them, so the stream goes on after the first.
                if (snapshot.Processes.SingleOrDefault(p => p.Name == "top-of-n3") is not { } row)
                {
                    continue;
                }

                Assert.Equal(pid, row.Pid);
                if (++snapshots == 2)
                {
                    break;
                }
            }

            Assert.Equal(2, snapshots);

            // The reader left: n1 ends the follow, and n3 closes the stream it opened on its own API.
            var deadline = DateTime.UtcNow + Built.Scaled(20);
            while ((await n3.Client.GetPerformanceStatsAsync(TestContext.Current.CancellationToken)).ActiveStreams > 0)
            {
                Assert.True(DateTime.UtcNow < deadline, "n3 kept the forwarded stream open after its reader left");
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
        }
        finally
        {
            await n3.PbmAsync("process", "delete", "top-of-n3");
        }
    }

    [Fact]
    public async Task An_apply_and_a_list_larger_than_Akkas_default_frame_cross_between_nodes()
    {
        var (n1, n2) = (_fleet[0], _fleet[1]);
        // 600 apps with a long argument: about 200 KB each way, over Akka.Remote's default frame of 128,000 bytes.
        var padding = new string('x', 200);
        var file = Path.Combine(n1.Home, "many-apps.conf");
        await File.WriteAllLinesAsync(
            file,
            ["processes {", .. Enumerable.Range(1, 600).Select(i => $"  many-{i} {{ command = [\"/bin/true\", \"{padding}\"], autostart = false }}"), "}"],
            TestContext.Current.CancellationToken);
        try
        {
            var applied = await n1.PbmAsync("--node", "n2", "process", "apply", file);
            Assert.True(applied.ExitCode == 0, applied.Error);

            var listed = await n1.ClientFor("n2").ListProcessesAsync(TestContext.Current.CancellationToken);
            Assert.Equal(600, listed.Count(p => p.Name.StartsWith("many-", StringComparison.Ordinal)));
        }
        finally
        {
            await n1.PbmAsync("--node", "n2", "process", "delete", "many-*");
        }

        Assert.DoesNotContain(await n2.ProcessesAsync(), p => p.Name.StartsWith("many-", StringComparison.Ordinal));
    }

    private static IEnumerable<ActorNode> Flatten(ActorNode node) => node.Children.SelectMany(Flatten).Prepend(node);
}
