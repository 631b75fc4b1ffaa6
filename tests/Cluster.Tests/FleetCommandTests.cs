using System.Text.Json;

namespace ProcessManager.Cluster.Tests;

/// <summary>Three daemons form a cluster; pbm on any of them lists the nodes and reaches every node's programs.</summary>
public sealed class FleetCommandTests
{
    [Fact]
    public async Task Three_nodes_form_a_cluster_and_pbm_on_any_node_reaches_every_node()
    {
        await using var fleet = new Fleet();
        await fleet.StartAsync();
        var (n1, n2, n3) = (fleet[0], fleet[1], fleet[2]);

        // Every node sees the same three members, each answering with its own uptime and version.
        foreach (var node in fleet.Nodes)
        {
            var view = await node.AwaitNodesAsync(nodes => nodes.Count == 3 && nodes.All(n => n.Status == "up" && n.UptimeSeconds is not null), "3 nodes up with their info");
            Assert.Equal(["n1", "n2", "n3"], view.Select(n => n.Name));
            Assert.Equal(node.Name, Assert.Single(view, n => n.Self).Name);
            Assert.Equal($"akka.ssl.tcp://pbm@{n2.Seed}", view.Single(n => n.Name == "n2").Address);
        }

        // pbm on n1 starts a program on n2: it runs under n2's daemon, not n1's.
        var started = await n1.PbmAsync("--node", "n2", "process", "start", "web", "--", "sleep", "600");
        Assert.True(started.ExitCode == 0, started.Error);
        var onN2 = await n2.ProcessesAsync();
        var web = Assert.Single(onN2);
        Assert.Equal("web", web.Name);
        Assert.Equal("running", web.Status);
        Assert.Empty(await n1.ProcessesAsync());

        // pbm on n3 sees it through --node, with the same pid.
        var listed = await n3.PbmAsync("--node", "n2", "process", "list", "--json");
        Assert.True(listed.ExitCode == 0, listed.Error);
        var row = Assert.Single(ClusterNode.Json(listed.Output).EnumerateArray());
        Assert.Equal(web.Pid, row.GetProperty("pid").GetInt32());

        // A program on n3 too; --all-nodes from every node merges the three tables.
        Assert.Equal(0, (await n3.PbmAsync("process", "start", "worker", "--", "sleep", "600")).ExitCode);
        n3.Remember(await n3.ProcessesAsync());
        foreach (var node in fleet.Nodes)
        {
            var all = await node.PbmAsync("process", "list", "--all-nodes", "--json");
            Assert.True(all.ExitCode == 0, all.Error);
            var byNode = ClusterNode.Json(all.Output).EnumerateArray().ToDictionary(
                e => e.GetProperty("node").GetString()!,
                e => e.GetProperty("processes").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList());
            Assert.Equal(["n1", "n2", "n3"], byNode.Keys.Order());
            Assert.Empty(byNode["n1"]);
            Assert.Equal(["web"], byNode["n2"]);
            Assert.Equal(["worker"], byNode["n3"]);
        }

        // Piped, the table has no header; each row starts with its node.
        var table = await n1.PbmAsync("process", "list", "--all-nodes");
        Assert.Contains("n2\tweb\trunning\t", table.Output, StringComparison.Ordinal);
        Assert.Contains("n3\tworker\trunning\t", table.Output, StringComparison.Ordinal);

        // node list counts each node's programs.
        var nodeList = await n2.PbmAsync("node", "list", "--json");
        var programs = ClusterNode.Json(nodeList.Output).EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!, e => e.GetProperty("programs").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["n1"] = 0, ["n2"] = 1, ["n3"] = 1 }, programs);

        // Commands, not only queries: n3 stops n2's program.
        var stopped = await n3.PbmAsync("--node", "n2", "process", "stop", "web");
        Assert.True(stopped.ExitCode == 0, stopped.Error);
        Assert.Equal("stopped", Assert.Single(await n2.ProcessesAsync()).Status);

        // An unknown node is an error naming the members; a local-only call is refused for another node.
        var unknown = await n1.PbmAsync("--node", "n9", "process", "list");
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("no node named 'n9'", unknown.Error, StringComparison.Ordinal);
        var hierarchy = await n1.PbmAsync("--node", "n2", "actor", "hierarchy");
        Assert.NotEqual(0, hierarchy.ExitCode);
        Assert.Contains("not available for another node", hierarchy.Error, StringComparison.Ordinal);
    }
}
