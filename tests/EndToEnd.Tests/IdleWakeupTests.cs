namespace ProcessManager.EndToEnd.Tests;

/// <summary>An idle daemon sleeps: the web server's heartbeat wakes it at pbm.api.heartbeat-interval, not every second.</summary>
public sealed class IdleWakeupTests
{
    [Fact]
    public async Task The_web_servers_heartbeat_wakes_the_daemon_at_the_configured_interval()
    {
        await using var home = new PbmHome();
        var config = Path.Combine(home.Path, "heartbeat.conf");
        await File.WriteAllTextAsync(config, "pbm.api.heartbeat-interval = 20s\n", TestContext.Current.CancellationToken);
        (await home.PbmAsync("daemon", "start", "--config", config)).ShouldSucceed();
        var pid = await home.DaemonPidAsync() ?? throw new InvalidOperationException("no daemon pid");
        var heartbeat = Directory.EnumerateDirectories($"/proc/{pid}/task")
            .Single(task => File.ReadAllText(Path.Combine(task, "comm")).Trim() == "Kestrel Timer");

        // The first wait may still be Kestrel's own 1 s: let it pass, then count the thread's sleeps that ended.
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        var before = VoluntarySwitches(heartbeat);
        await Task.Delay(TimeSpan.FromSeconds(6), TestContext.Current.CancellationToken);
        var wakeups = VoluntarySwitches(heartbeat) - before;

        // Every second would be 6; every 20 s is 0 or 1.
        Assert.True(wakeups <= 2, $"Kestrel's heartbeat woke {wakeups} times in 6 s");
    }

    private static long VoluntarySwitches(string task) =>
        long.Parse(File.ReadLines(Path.Combine(task, "status")).Single(line => line.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal))
            .Split(':')[1].Trim(), System.Globalization.CultureInfo.InvariantCulture);
}
