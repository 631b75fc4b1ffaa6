namespace ProcessManager.Cluster.Tests;

/// <summary>On a formed 3-node cluster, pbm on any node lists the nodes and reaches every node's programs.</summary>
[Collection(SharedFleetGroup.Name)]
public sealed class FleetCommandTests(SharedFleet shared)
{
    private readonly Fleet _fleet = shared.Fleet;

    [Fact]
    public async Task Every_node_sees_the_three_members_each_with_its_own_info()
    {
        foreach (var node in _fleet.Nodes)
        {
            var view = await node.AwaitNodesAsync(nodes => nodes.Count == 3 && nodes.All(n => n.Status == "up" && n.UptimeSeconds is not null), "3 nodes up with their info");
            Assert.Equal(["n1", "n2", "n3"], view.Select(n => n.Name));
            Assert.Equal(node.Name, Assert.Single(view, n => n.Self).Name);
            Assert.Equal($"akka.ssl.tcp://pbm@{_fleet[1].Seed}", view.Single(n => n.Name == "n2").Address);
            Assert.Equal(System.Net.HttpStatusCode.OK, await ReadinessAsync(node));
        }
    }

    /// <summary>GET /health/ready over the node's Unix socket: ready includes being an up member of the cluster.</summary>
    private static async Task<System.Net.HttpStatusCode> ReadinessAsync(ClusterNode node)
    {
        using var http = new HttpClient(new SocketsHttpHandler
        {
            ConnectCallback = async (_, token) =>
            {
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
                await socket.ConnectAsync(new System.Net.Sockets.UnixDomainSocketEndPoint(Path.Combine(node.Home, "pbm.sock")), token);
                return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
            },
        })
        { BaseAddress = new Uri("http://pbm") };
        using var response = await http.GetAsync("/health/ready", TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    [Fact]
    public async Task Pbm_on_one_node_starts_lists_and_stops_a_program_on_another()
    {
        var (n1, n2, n3) = (_fleet[0], _fleet[1], _fleet[2]);
        try
        {
            // pbm on n1 starts a program on n2: it runs under n2's daemon, not n1's.
            var started = await n1.PbmAsync("--node", "n2", "process", "start", "remote-web", "--", "sleep", "600");
            Assert.True(started.ExitCode == 0, started.Error);
            var web = Assert.Single(await n2.RunningAsync("remote-web"));
            Assert.DoesNotContain(await n1.ProcessesAsync(), p => p.Name == "remote-web");

            // pbm on n3 sees it through --node, with the same pid.
            var listed = await n3.PbmAsync("--node", "n2", "process", "list", "--json");
            Assert.True(listed.ExitCode == 0, listed.Error);
            var row = Assert.Single(ClusterNode.Json(listed.Output).EnumerateArray(), r => r.GetProperty("name").GetString() == "remote-web");
            Assert.Equal(web.Pid, row.GetProperty("pid").GetInt32());

            // Commands, not only queries: n3 stops n2's program.
            var stopped = await n3.PbmAsync("--node", "n2", "process", "stop", "remote-web");
            Assert.True(stopped.ExitCode == 0, stopped.Error);
            Assert.Equal("stopped", (await n2.ProcessesAsync()).Single(p => p.Name == "remote-web").Status);
        }
        finally
        {
            await n1.PbmAsync("--node", "n2", "process", "delete", "remote-web");
        }

        Assert.DoesNotContain(await n2.ProcessesAsync(), p => p.Name == "remote-web");
    }

    [Fact]
    public async Task All_nodes_merges_the_tables_of_every_node_from_any_node()
    {
        var (n1, n2, n3) = (_fleet[0], _fleet[1], _fleet[2]);
        try
        {
            Assert.Equal(0, (await n2.PbmAsync("process", "start", "merge-a", "--", "sleep", "600")).ExitCode);
            Assert.Equal(0, (await n3.PbmAsync("process", "start", "merge-b", "--", "sleep", "600")).ExitCode);
            Assert.Single(await n2.RunningAsync("merge-a"));
            Assert.Single(await n3.RunningAsync("merge-b"));
            foreach (var node in _fleet.Nodes)
            {
                var all = await node.PbmAsync("process", "list", "--all-nodes", "--json");
                Assert.True(all.ExitCode == 0, all.Error);
                var byNode = ClusterNode.Json(all.Output).EnumerateArray().ToDictionary(
                    e => e.GetProperty("node").GetString()!,
                    e => e.GetProperty("processes").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList());
                Assert.Equal(["n1", "n2", "n3"], byNode.Keys.Order());
                Assert.Contains("merge-a", byNode["n2"]);
                Assert.Contains("merge-b", byNode["n3"]);
                Assert.DoesNotContain("merge-b", byNode["n2"]);
                Assert.DoesNotContain("merge-a", byNode["n1"]);
                Assert.DoesNotContain("merge-b", byNode["n1"]);
            }

            // Piped, the table has no header; each row starts with its node.
            var table = await n1.PbmAsync("process", "list", "--all-nodes");
            Assert.Contains("n2\tmerge-a\trunning\t", table.Output, StringComparison.Ordinal);
            Assert.Contains("n3\tmerge-b\trunning\t", table.Output, StringComparison.Ordinal);

            // node list counts each node's programs, as the node itself does.
            var nodeList = await n2.PbmAsync("node", "list", "--json");
            Assert.True(nodeList.ExitCode == 0, nodeList.Error);
            var programs = ClusterNode.Json(nodeList.Output).EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!, e => e.GetProperty("programs").GetInt32());
            foreach (var node in _fleet.Nodes)
            {
                Assert.Equal((await node.ProcessesAsync()).Count, programs[node.Name]);
            }
        }
        finally
        {
            await n2.PbmAsync("process", "delete", "merge-a");
            await n3.PbmAsync("process", "delete", "merge-b");
        }
    }

    [Fact]
    public async Task An_unknown_node_names_the_members()
    {
        var n1 = _fleet[0];
        var unknown = await n1.PbmAsync("--node", "n9", "process", "list");
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("no node named 'n9'", unknown.Error, StringComparison.Ordinal);
        Assert.Contains("n1, n2, n3", unknown.Error, StringComparison.Ordinal);
    }
}
