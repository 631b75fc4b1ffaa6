namespace ProcessManager.Cluster.Tests;

/// <summary>
/// Only nodes holding the fleet's certificate join: Akka.Remote runs over mutually authenticated TLS. A member that
/// leaves (`pbm node leave`) is removed and its daemon exits.
/// </summary>
public sealed class TlsMembershipTests
{
    [Fact]
    public async Task A_node_with_another_certificate_is_refused_while_one_with_the_fleet_certificate_joins_and_can_leave()
    {
        var certificates = Directory.CreateTempSubdirectory("pbm-cluster-certs-").FullName;
        try
        {
            var fleetCertificate = FleetCertificate.Create(certificates, "fleet");
            var strangerCertificate = FleetCertificate.Create(certificates, "stranger");
            var (p1, p2, p3) = (FreePort.Next(), FreePort.Next(), FreePort.Next());
            string[] seeds = [$"127.0.0.1:{p1}"];
            await using var n1 = new ClusterNode("n1", "127.0.0.1", p1, fleetCertificate, seeds);
            await using var stranger = new ClusterNode("stranger", "127.0.0.2", p2, strangerCertificate, seeds);
            await using var n3 = new ClusterNode("n3", "127.0.0.3", p3, fleetCertificate, seeds);

            n1.Start();
            stranger.Start();
            await Task.WhenAll(n1.WaitReadyAsync(), stranger.WaitReadyAsync());

            // The stranger's handshakes are refused by n1, which says so in its log.
            var deadline = DateTime.UtcNow + Built.Scaled(TestTiming.ClusterChangeSeconds);
            while (!n1.Log.Contains("is not the fleet's", StringComparison.Ordinal))
            {
                Assert.True(DateTime.UtcNow < deadline, "n1 never refused the stranger's certificate:\n" + n1.Log);
                await Task.Delay(200, TestContext.Current.CancellationToken);
            }

            // The positive control: a node with the fleet certificate joins the same seed.
            n3.Start();
            await n3.WaitReadyAsync();
            var view = await n1.AwaitNodesAsync(nodes => nodes.Any(n => n.Name == "n3" && n.Status == "up"), "n3 up", TestTiming.ClusterChangeSeconds);

            Assert.Equal(["n1", "n3"], view.Select(n => n.Name).Order());
            Assert.DoesNotContain(await n3.NodesAsync(), n => n.Name == "stranger");

            // Nothing reaches the stranger through the cluster either.
            var forwarded = await n1.PbmAsync("--node", "stranger", "process", "list");
            Assert.NotEqual(0, forwarded.ExitCode);
            Assert.Contains("no node named 'stranger'", forwarded.Error, StringComparison.Ordinal);

            // A member that leaves is removed, which is an event too, and its daemon exits.
            await using var events = await FleetEventLog.OpenAsync(n1, 2);
            var left = await n1.PbmAsync("node", "leave", "n3");
            Assert.True(left.ExitCode == 0, left.Error);
            await events.WaitForAsync(_ => events.MemberChanges("n3").Contains("removed"), "n3 removed after leaving");
            Assert.True(await n3.WaitForExitAsync(TestTiming.ClusterChangeSeconds), "n3's daemon kept running after leaving:\n" + n3.Log);
            await n1.AwaitNodesAsync(nodes => nodes.Select(n => n.Name).SequenceEqual(["n1"]), "n1 alone", TestTiming.ClusterChangeSeconds);
        }
        finally
        {
            Directory.Delete(certificates, recursive: true);
        }
    }
}
