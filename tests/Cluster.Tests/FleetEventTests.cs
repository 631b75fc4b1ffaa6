namespace ProcessManager.Cluster.Tests;

/// <summary>`pbm process events --all-nodes`: every node's state changes reach one subscriber, each naming its node.</summary>
[Collection(SharedFleetGroup.Name)]
public sealed class FleetEventTests(SharedFleet shared)
{
    private readonly Fleet _fleet = shared.Fleet;

    [Fact]
    public async Task Events_of_every_node_reach_one_subscriber_after_the_membership_snapshot()
    {
        var (n1, n2, n3) = (_fleet[0], _fleet[1], _fleet[2]);
        await using var events = await FleetEventLog.OpenAsync(n1, 3);
        Assert.Equal(["n1", "n2", "n3"], events.Snapshot().Where(e => e.Status == "member-up").Select(e => e.Node).Order());
        var started = new List<(ClusterNode Node, string Name)>();
        try
        {
            // Distributed pub-sub spreads the subscription to the other nodes within a gossip round or two: a node
            // starts programs until one of its events shows.
            foreach (var node in new[] { n2, n3 })
            {
                var deadline = DateTime.UtcNow + Built.Scaled(TestTiming.ClusterChangeSeconds);
                for (var i = 0; !events.Snapshot().Any(e => e.Node == node.Name && e.Status == "running" && e.Process.StartsWith("fleet-event-", StringComparison.Ordinal)); i++)
                {
                    Assert.True(DateTime.UtcNow < deadline, $"no event from {node.Name} reached n1's subscriber");
                    var name = $"fleet-event-{i}";
                    started.Add((node, name));
                    Assert.Equal(0, (await node.PbmAsync("process", "start", name, "--", "sleep", "600")).ExitCode);
                    _ = await events.TryWaitForAsync(e => e.Any(x => x.Node == node.Name && x.Process.StartsWith(name, StringComparison.Ordinal)), 5);
                }
            }

            Assert.DoesNotContain(events.Snapshot(), e => e.Process.StartsWith("fleet-event-", StringComparison.Ordinal) && e.Node == "n1");
        }
        finally
        {
            foreach (var (node, name) in started)
            {
                node.Remember(await node.ProcessesAsync());
                await node.PbmAsync("process", "delete", name);
            }
        }
    }

    [Fact]
    public async Task Node_events_through_another_node_carry_that_node_alone()
    {
        var (n1, n2, n3) = (_fleet[0], _fleet[1], _fleet[2]);
        await using var events = await FleetEventLog.OpenOfNodeAsync(n1, "n2");
        var started = new List<(ClusterNode Node, string Name)>();
        try
        {
            // n3's program first: by the time one of n2's events arrives, n3's would have, were it let through.
            started.Add((n3, "node-event-n3"));
            Assert.Equal(0, (await n3.PbmAsync("process", "start", "node-event-n3", "--", "sleep", "600")).ExitCode);
            var deadline = DateTime.UtcNow + Built.Scaled(TestTiming.ClusterChangeSeconds);
            for (var i = 0; !events.Snapshot().Any(e => e.Status == "running" && e.Process.StartsWith("node-event-n2-", StringComparison.Ordinal)); i++)
            {
                Assert.True(DateTime.UtcNow < deadline, "no event from n2 reached n1's subscriber");
                var name = $"node-event-n2-{i}";
                started.Add((n2, name));
                Assert.Equal(0, (await n2.PbmAsync("process", "start", name, "--", "sleep", "600")).ExitCode);
                _ = await events.TryWaitForAsync(e => e.Any(x => x.Process.StartsWith(name, StringComparison.Ordinal)), 5);
            }

            Assert.All(events.Snapshot(), e => Assert.Equal("n2", e.Node));
        }
        finally
        {
            foreach (var (node, name) in started)
            {
                node.Remember(await node.ProcessesAsync());
                await node.PbmAsync("process", "delete", name);
            }
        }
    }
}
