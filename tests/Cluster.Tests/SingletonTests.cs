using System.Diagnostics;
using ProcessManager.Contracts.Dtos;

namespace ProcessManager.Cluster.Tests;

/// <summary>An app with placement = singleton runs on exactly one node and moves when that node is lost.</summary>
public sealed class SingletonTests(ITestOutputHelper output)
{
    private const string SingletonApp = """
        processes {
          solo { command = ["sleep", "600"], placement = singleton }
          everywhere { command = ["sleep", "600"] }
        }
        """;

    [Fact]
    public async Task A_singleton_moves_to_a_survivor_when_its_node_is_killed_and_runs_there_once()
    {
        await using var fleet = new Fleet(SingletonApp);
        await fleet.StartAsync();
        var (holder, old) = await HolderAsync(fleet.Nodes, null);

        // Every node runs the every-node app; only the holder runs the singleton.
        foreach (var node in fleet.Nodes)
        {
            Assert.Contains(await node.ProcessesAsync(), p => p.Name == "everywhere" && p.Status == "running");
        }

        // The machine dies: kill -9 of the daemon and of its programs.
        var clock = Stopwatch.StartNew();
        await holder.KillAsync();
        Signals.KillGroup(old.Pid!.Value);
        var survivors = fleet.Nodes.Where(n => n != holder).ToList();
        var (next, moved) = await HolderAsync(survivors, holder);
        output.WriteLine($"singleton failover from kill -9 to a new pid on {next.Name}: {clock.Elapsed.TotalSeconds:0.0} s");
        await File.AppendAllTextAsync(Path.Combine(Path.GetTempPath(), "pbm-cluster-failover.txt"), $"{DateTimeOffset.UtcNow:O} {clock.Elapsed.TotalSeconds:0.00}\n", TestContext.Current.CancellationToken);

        Assert.NotEqual(old.Pid, moved.Pid);
        Assert.DoesNotContain(await survivors.Single(n => n != next).ProcessesAsync(), p => p.Name == "solo");
    }

    [Fact]
    public async Task A_partition_leaves_the_singleton_on_the_majority_side_only()
    {
        await using var fleet = new Fleet(SingletonApp);
        await fleet.StartAsync();
        var (holder, old) = await HolderAsync(fleet.Nodes, null);
        var majority = fleet.Nodes.Where(n => n != holder).ToList();

        // The holder's machine freezes (SIGSTOP of its daemon and its program): one node cut off from two.
        holder.Signal(Signals.SigStop);
        Signals.Send(old.Pid!.Value, Signals.SigStop);
        await majority[0].AwaitNodesAsync(nodes => nodes.All(n => n.Name != holder.Name), $"{holder.Name} downed by the majority", 60);
        var (next, moved) = await HolderAsync(majority, holder);
        Assert.NotEqual(old.Pid, moved.Pid);

        // It resumes: downed, its daemon stops its copy and exits; the majority's copy is the only one.
        holder.Signal(Signals.SigCont);
        Signals.Send(old.Pid.Value, Signals.SigCont);
        Assert.True(await holder.WaitForExitAsync(60), holder.Name + " kept running after being downed:\n" + holder.Log);
        Assert.False(IsRunning(old.Pid.Value), "the minority's copy outlived its downed daemon");
        Assert.Equal(moved.Pid, (await next.ProcessesAsync()).Single(p => p.Name == "solo").Pid);
        Assert.DoesNotContain(await majority.Single(n => n != next).ProcessesAsync(), p => p.Name == "solo");
    }

    /// <summary>Polls until exactly one of <paramref name="nodes"/> runs the singleton; returns it and the program.</summary>
    private static async Task<(ClusterNode Node, ProcessStatus Program)> HolderAsync(IReadOnlyList<ClusterNode> nodes, ClusterNode? previous)
    {
        var deadline = DateTime.UtcNow + Built.Scaled(60);
        var seen = string.Empty;
        while (DateTime.UtcNow < deadline)
        {
            var running = new List<(ClusterNode, ProcessStatus)>();
            foreach (var node in nodes)
            {
                var solo = (await node.ProcessesAsync()).SingleOrDefault(p => p.Name == "solo" && p.Status == "running" && p.Pid is not null);
                if (solo is not null)
                {
                    running.Add((node, solo));
                }
            }

            Assert.True(running.Count <= 1, "the singleton runs on " + string.Join(", ", running.Select(r => r.Item1.Name)));
            if (running.Count == 1)
            {
                return running[0];
            }

            seen = string.Join(", ", nodes.Select(n => n.Name));
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        Assert.Fail($"no node of {seen} runs the singleton (previous holder {previous?.Name ?? "none"})");
        return default;
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return !stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (IOException)
        {
            return false;
        }
    }
}
