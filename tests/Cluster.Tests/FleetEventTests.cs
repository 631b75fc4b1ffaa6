using ProcessManager.Contracts.Dtos;

namespace ProcessManager.Cluster.Tests;

/// <summary>`pbm process events --all-nodes`: every node's state changes, each naming its node, and membership changes.</summary>
public sealed class FleetEventTests
{
    [Fact]
    public async Task Events_of_every_node_and_membership_changes_reach_one_subscriber()
    {
        await using var fleet = new Fleet(size: 2);
        await fleet.StartAsync();
        var (n1, n2) = (fleet[0], fleet[1]);

        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(Built.Scaled(60));
        var seen = new List<ProcessEvent>();
        var subscription = Task.Run(async () =>
        {
            try
            {
                await foreach (var e in n1.Client.EventsOfAllNodesAsync(cancel.Token))
                {
                    lock (seen)
                    {
                        seen.Add(e);
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // The end of the test.
            }
        }, TestContext.Current.CancellationToken);

        // Distributed pub-sub spreads the subscription to n2 within a gossip round or two: start until it shows.
        var deadline = DateTime.UtcNow + Built.Scaled(30);
        for (var i = 0; !Seen(seen, e => e.Node == "n2" && e.Status == "running"); i++)
        {
            Assert.True(DateTime.UtcNow < deadline, "no event from n2 reached n1's subscriber");
            Assert.Equal(0, (await n2.PbmAsync("process", "start", $"remote-{i}", "--", "sleep", "600")).ExitCode);
            n2.Remember(await n2.ProcessesAsync());
            await Task.Delay(500, TestContext.Current.CancellationToken);
        }

        // A membership change is an event too: n2 leaves.
        Assert.Equal(0, (await n1.PbmAsync("node", "leave", "n2")).ExitCode);
        while (!Seen(seen, e => e.Node == "n2" && e.Status == "removed"))
        {
            Assert.True(DateTime.UtcNow < deadline + Built.Scaled(30), "n2's removal was not an event");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        await cancel.CancelAsync();
        await subscription;
        Assert.True(await n2.WaitForExitAsync(30), "n2's daemon kept running after leaving");
    }

    private static bool Seen(List<ProcessEvent> seen, Func<ProcessEvent, bool> match)
    {
        lock (seen)
        {
            return seen.Any(match);
        }
    }
}
