using System.Globalization;

namespace ProcessManager.EndToEnd.Tests.Survival;

/// <summary><c>pbm daemon restart</c>: a planned restart hands programs over without stopping any.</summary>
public sealed class DaemonRestartInPlaceTests
{
    [Fact]
    public async Task Restart_keeps_the_daemon_pid_the_program_pids_and_the_output_capture()
    {
        await using var home = new PbmHome();
        (await home.PbmAsync("daemon", "start")).ShouldSucceed();
        (await home.PbmAsync("process", "start", "talker", "--", "sh", "-c", "i=0; while true; do i=$((i+1)); echo line-$i; sleep 0.05; done")).ShouldSucceed();
        var before = await home.AwaitListAsync(l => l.Count == 1 && l[0].GetProperty("status").GetString() == "running", "talker running");
        var talkerPid = before[0].GetProperty("pid").GetInt32();
        var daemonPid = await home.DaemonPidAsync();
        await DaemonKillSurvivalTests.Eventually(async () => (await home.PbmAsync("log", "tail", "talker", "-n", "1")).Output.Contains("line-", StringComparison.Ordinal), "output captured");

        var restart = (await home.PbmAsync("daemon", "restart")).ShouldSucceed();
        Assert.Contains("restarted in place", restart.Output, StringComparison.Ordinal);

        Assert.Equal(daemonPid, await home.DaemonPidAsync());
        var after = await home.AwaitListAsync(l => l.Count == 1 && l[0].GetProperty("status").GetString() == "running", "talker running after the restart");
        Assert.Equal(talkerPid, after[0].GetProperty("pid").GetInt32());

        IReadOnlyList<string> tail = [];
        await DaemonKillSurvivalTests.Eventually(
            async () =>
            {
                tail = (await home.PbmAsync("log", "tail", "talker", "-n", "1000")).ShouldSucceed().Lines;
                return tail.Count >= 20;
            },
            "20 lines after the restart");
        Assert.Contains("capture resumed after a daemon restart", tail[0], StringComparison.Ordinal);
        var numbers = tail.Skip(1).Select(line => int.Parse(line["line-".Length..], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Enumerable.Range(numbers[0], numbers.Count), numbers);

        // Still the daemon's child: stopping it reports how it ended, and no zombie is left behind.
        (await home.PbmAsync("process", "stop", "talker")).ShouldSucceed();
        await DaemonKillSurvivalTests.Eventually(() => !File.Exists($"/proc/{talkerPid}/stat"), $"talker {talkerPid} reaped");
    }
}
