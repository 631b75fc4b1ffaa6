using ProcessManager.Contracts.Client;

namespace ProcessManager.Cluster.Tests;

/// <summary>`pbm --node NAME log follow`: another node's program's log, followed live through this daemon.</summary>
[Collection(SharedFleetGroup.Name)]
public sealed class FleetLogTests(SharedFleet shared)
{
    private readonly Fleet _fleet = shared.Fleet;

    [Fact]
    public async Task A_log_on_another_node_is_followed_live_and_an_unknown_program_there_is_a_404()
    {
        var (n1, n2) = (_fleet[0], _fleet[1]);
        var cancel = TestContext.Current.CancellationToken;
        try
        {
            var started = await n2.PbmAsync("process", "start", "remote-ticker", "--", "sh", "-c", "i=0; while true; do echo tick-$i; i=$((i+1)); sleep 0.2; done");
            Assert.True(started.ExitCode == 0, started.Error);
            n2.Remember(await n2.ProcessesAsync());

            // The tail comes first, then lines written after the follow began: a tick later than every tailed one.
            using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            bound.CancelAfter(Built.Scaled(TestTiming.CommandSeconds));
            var seen = new List<string>();
            var tailed = -1;
            await foreach (var line in n1.ClientFor("n2").FollowLogAsync("remote-ticker", 5, bound.Token))
            {
                Assert.StartsWith("remote-ticker", line.Process, StringComparison.Ordinal);
                seen.Add(line.Text);
                var tick = int.Parse(line.Text["tick-".Length..], System.Globalization.CultureInfo.InvariantCulture);
                if (seen.Count == 1)
                {
                    tailed = tick;
                }
                else if (tick > tailed + 10)
                {
                    break;
                }
            }

            Assert.True(seen.Count > 10, "lines followed: " + string.Join(", ", seen));
            Assert.Equal(seen, seen.Distinct());

            var unknown = await Assert.ThrowsAsync<PbmApiException>(async () =>
            {
                await foreach (var _ in n1.ClientFor("n2").FollowLogAsync("no-such-program", 0, bound.Token))
                {
                }
            });
            Assert.Equal(404, unknown.StatusCode);
        }
        finally
        {
            await n2.PbmAsync("process", "delete", "remote-ticker");
        }
    }
}
