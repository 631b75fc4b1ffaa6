using System.Diagnostics;
using ProcessManager.Contracts.Dtos;

namespace ProcessManager.Cluster.Tests;

/// <summary>
/// Losing a node, each test on a cluster of its own: the failure detector finds it unreachable, the split-brain
/// resolver downs it, and an app with placement = singleton moves to a survivor and runs there exactly once.
/// </summary>
public sealed class SingletonTests(ITestOutputHelper output)
{
    private const string Apps = """
        processes {
          solo { command = ["sleep", "600"], placement = singleton }
          everywhere { command = ["sleep", "600"] }
        }
        """;

    [Fact]
    public async Task A_node_killed_with_sigkill_is_removed_its_singleton_moves_and_it_rejoins_when_restarted()
    {
        await using var fleet = new Fleet(Apps);
        await fleet.StartAsync();
        var (holder, old) = await HolderAsync(fleet.Nodes);

        // Every node runs the every-node app; only the holder runs the singleton.
        foreach (var node in fleet.Nodes)
        {
            Assert.Single(await node.RunningAsync("everywhere"));
        }

        var survivors = fleet.Nodes.Where(n => n != holder).ToList();
        await using var events = await FleetEventLog.OpenAsync(survivors[0], 3);

        // The machine dies: kill -9 of the daemon and of its programs.
        var clock = Stopwatch.StartNew();
        await holder.KillAsync();
        Signals.KillGroup(old.Pid!.Value);

        // Unreachable first, then downed by keep-majority (two of three) and removed.
        await events.WaitForAsync(_ => events.MemberChanges(holder.Name).Contains("removed"), $"{holder.Name} removed");
        Assert.Equal(["member-up", "unreachable", "removed"], events.MemberChanges(holder.Name));
        var (next, moved) = await HolderAsync(survivors);
        output.WriteLine($"singleton failover from kill -9 to a new pid on {next.Name}: {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.NotEqual(old.Pid, moved.Pid);
        Assert.Equal([holder.Name], fleet.Nodes.Select(n => n.Name).Except((await next.NodesAsync()).Select(n => n.Name)));

        // Restarted, the node joins again (a new incarnation on the same address); the singleton stays where it is
        // and still runs once: the copy the restarted daemon recovers from its journal is deleted, not started.
        holder.Start();
        await holder.WaitReadyAsync();
        await holder.AwaitNodesAsync(nodes => nodes.Count == 3 && nodes.All(n => n.Status == "up" && n.Reachable), $"{holder.Name} rejoined", TestTiming.ClusterChangeSeconds);
        await next.AwaitNodesAsync(nodes => nodes.Count == 3 && nodes.All(n => n.Status == "up" && n.Reachable), $"{holder.Name} back up", TestTiming.ClusterChangeSeconds);
        var (after, program) = await HolderAsync(fleet.Nodes);
        Assert.Same(next, after);
        Assert.Equal(moved.Pid, program.Pid);
        Assert.Single(await holder.RunningAsync("everywhere"));

        // The restarted node can hold the singleton again: the two others stop (a stop leaves the cluster and hands
        // the singleton over), and it runs the app. Its old copy was deleted without holding up its start-up.
        foreach (var leaving in new[] { survivors.Single(n => n != next), next })
        {
            leaving.Signal(Signals.SigTerm);
            Assert.True(await leaving.WaitForExitAsync(TestTiming.ClusterChangeSeconds), leaving.Name + " did not stop:\n" + leaving.Log);
        }

        var (last, handedOver) = await HolderAsync([holder]);
        Assert.Same(holder, last);
        Assert.NotEqual(moved.Pid, handedOver.Pid);
        Assert.DoesNotContain("not every instance confirmed its removal", holder.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_daemon_killed_alone_ends_the_copy_it_left_running_when_it_restarts()
    {
        await using var fleet = new Fleet(Apps);
        await fleet.StartAsync();
        var (holder, old) = await HolderAsync(fleet.Nodes);
        var survivors = fleet.Nodes.Where(n => n != holder).ToList();

        // Only the daemon dies: its program lives on, as programs outlive their daemon by design.
        await holder.KillAsync();
        var (next, moved) = await HolderAsync(survivors);
        Assert.NotEqual(old.Pid, moved.Pid);
        Assert.True(IsRunning(old.Pid!.Value), "the old copy was expected to outlive its killed daemon");

        // Restarted, the daemon adopts its old copy and deletes it before the singleton decides where the app runs.
        holder.Start();
        await holder.WaitReadyAsync();
        var deadline = DateTime.UtcNow + Built.Scaled(TestTiming.ClusterChangeSeconds);
        while (IsRunning(old.Pid.Value) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }

        Assert.False(IsRunning(old.Pid.Value), "the restarted daemon left its old singleton copy running:\n" + holder.Log);
        var (after, program) = await HolderAsync(fleet.Nodes);
        Assert.Same(next, after);
        Assert.Equal(moved.Pid, program.Pid);
    }

    [Fact]
    public async Task A_stopped_node_is_downed_by_the_majority_which_alone_runs_the_singleton_and_the_node_exits_on_resuming()
    {
        await using var fleet = new Fleet(Apps);
        await fleet.StartAsync();
        var (holder, old) = await HolderAsync(fleet.Nodes);
        var everywhere = Assert.Single(await holder.RunningAsync("everywhere"));
        var majority = fleet.Nodes.Where(n => n != holder).ToList();
        await using var events = await FleetEventLog.OpenAsync(majority[0], 3);

        // The holder's machine freezes (SIGSTOP of its daemon and its programs): one node cut off from two, its
        // sockets still open.
        holder.Signal(Signals.SigStop);
        Signals.Send(old.Pid!.Value, Signals.SigStop);
        await events.WaitForAsync(_ => events.MemberChanges(holder.Name).Contains("removed"), $"{holder.Name} downed and removed");
        Assert.Equal(["member-up", "unreachable", "removed"], events.MemberChanges(holder.Name));
        var (next, moved) = await HolderAsync(majority);
        Assert.NotEqual(old.Pid, moved.Pid);

        // It resumes and learns it is down: its daemon stops its programs and exits rather than run a second side.
        holder.Signal(Signals.SigCont);
        Signals.Send(old.Pid.Value, Signals.SigCont);
        Assert.True(await holder.WaitForExitAsync(TestTiming.ClusterChangeSeconds), holder.Name + " kept running after being downed:\n" + holder.Log);
        Assert.False(IsRunning(old.Pid.Value), "the minority's singleton copy outlived its downed daemon");
        Assert.False(IsRunning(everywhere.Pid!.Value), "the minority's every-node program outlived its downed daemon");
        Assert.Equal(moved.Pid, Assert.Single(await next.RunningAsync("solo")).Pid);
        Assert.Empty(await majority.Single(n => n != next).RunningAsync("solo"));
        Assert.Equal(2, (await next.NodesAsync()).Count);
    }

    /// <summary>Waits until exactly one of <paramref name="nodes"/> runs the singleton (never two); returns it and the program.</summary>
    private static async Task<(ClusterNode Node, ProcessStatus Program)> HolderAsync(IReadOnlyList<ClusterNode> nodes)
    {
        var deadline = DateTime.UtcNow + Built.Scaled(TestTiming.ClusterChangeSeconds);
        while (true)
        {
            var running = new List<(ClusterNode, ProcessStatus)>();
            foreach (var node in nodes)
            {
                running.AddRange((await node.RunningAsync("solo")).Select(p => (node, p)));
            }

            Assert.True(running.Count <= 1, "the singleton runs on " + string.Join(", ", running.Select(r => r.Item1.Name)));
            if (running.Count == 1)
            {
                return running[0];
            }

            Assert.True(DateTime.UtcNow < deadline, $"no node of {string.Join(", ", nodes.Select(n => n.Name))} runs the singleton");

            // The supervisor publishes no cluster-wide event for another node's program; its list is asked again.
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            // A zombie or a reused pid is not the program; its state letter says which.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return !stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (IOException)
        {
            return false;
        }
    }
}
