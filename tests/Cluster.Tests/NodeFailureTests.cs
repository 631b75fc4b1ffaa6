using ProcessManager.Contracts.Dtos;

namespace ProcessManager.Cluster.Tests;

/// <summary>A node that dies or stops answering is found unreachable, downed by the split-brain resolver, and removed.</summary>
public sealed class NodeFailureTests
{
    [Fact]
    public async Task A_node_killed_with_sigkill_becomes_unreachable_then_is_removed_and_rejoins_when_restarted()
    {
        await using var fleet = new Fleet();
        await fleet.StartAsync();
        var (n1, n3) = (fleet[0], fleet[2]);

        // n1's membership events: unreachable and removed are too brief to catch by polling the node list.
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(Built.Scaled(120));
        var changes = new List<string>();
        var subscription = Task.Run(
            async () =>
            {
                try
                {
                    await foreach (var e in n1.Client.EventsOfAllNodesAsync(cancel.Token))
                    {
                        if (e.Node == "n3" && e.Process == "node/n3")
                        {
                            lock (changes)
                            {
                                changes.Add(e.Status);
                            }
                        }
                    }
                }
                catch (OperationCanceledException)
                {
                    // The end of the test.
                }
            },
            TestContext.Current.CancellationToken);
        await Task.Delay(1000, TestContext.Current.CancellationToken);

        await n3.KillAsync();

        // The failure detector marks it unreachable; keep-majority (n1, n2 of 3) downs it after stable-after.
        await n1.AwaitNodesAsync(nodes => nodes.All(n => n.Name != "n3"), "n3 removed", 60);
        Assert.Equal(["n1", "n2"], (await fleet[1].NodesAsync()).Select(n => n.Name));
        var deadline = DateTime.UtcNow + Built.Scaled(30);
        while (!Seen(changes, "removed") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        lock (changes)
        {
            Assert.Equal(["unreachable", "removed"], changes);
        }

        // Restarted, it joins again (a new incarnation on the same address).
        n3.Start();
        await n3.WaitReadyAsync();
        var view = await n1.AwaitNodesAsync(nodes => nodes.Count == 3 && nodes.All(n => n.Status == "up" && n.Reachable), "n3 back up", 120);
        Assert.Contains(view, n => n.Name == "n3");
        await cancel.CancelAsync();
        await subscription;
    }

    private static bool Seen(List<string> changes, string change)
    {
        lock (changes)
        {
            return changes.Contains(change);
        }
    }

    [Fact]
    public async Task A_stopped_node_is_downed_by_the_majority_and_shuts_itself_down_when_it_resumes()
    {
        await using var fleet = new Fleet();
        await fleet.StartAsync();
        var (n1, n2, n3) = (fleet[0], fleet[1], fleet[2]);
        Assert.Equal(0, (await n3.PbmAsync("process", "start", "minority", "--", "sleep", "600")).ExitCode);
        var program = Assert.Single(await n3.ProcessesAsync());

        // SIGSTOP: n3 is cut off from n1 and n2 (2 against 1) without its sockets closing.
        n3.Signal(Signals.SigStop);
        await n1.AwaitNodesAsync(nodes => nodes.All(n => n.Name != "n3"), "n3 downed and removed", 60);
        Assert.Equal(["n1", "n2"], (await n2.NodesAsync()).Select(n => n.Name));

        // Resumed, n3 learns it is down: its daemon stops its programs and exits rather than run a second side.
        n3.Signal(Signals.SigCont);
        Assert.True(await n3.WaitForExitAsync(60), "n3 kept running after being downed:\n" + n3.Log);
        Assert.False(Directory.Exists($"/proc/{program.Pid}") && IsRunning(program), "n3's program outlived its downed daemon");
        Assert.Equal(2, (await n1.NodesAsync()).Count);
    }

    private static bool IsRunning(ProcessStatus program)
    {
        try
        {
            // A zombie or a reused pid is not the program; its state letter says which.
            var stat = File.ReadAllText($"/proc/{program.Pid}/stat");
            return !stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (IOException)
        {
            return false;
        }
    }
}
