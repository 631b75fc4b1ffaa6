using System.Globalization;
using System.Text.RegularExpressions;

namespace ProcessManager.EndToEnd.Tests.Survival;

/// <summary>Programs outlive a kill -9 of the daemon: same pids, output still captured, groups killed on stop.</summary>
public sealed partial class DaemonKillSurvivalTests
{
    private const string Talker = "i=0; while true; do i=$((i+1)); echo line-$i; sleep 0.05; done";

    /// <summary>The leader waits on a child that ignores SIGTERM: only a group SIGKILL ends the child.</summary>
    private const string Family = "(trap '' TERM; exec sleep 300) & wait";

    [Fact]
    public async Task After_kill_9_of_the_daemon_programs_keep_their_pids_their_output_and_their_groups()
    {
        await using var home = new PbmHome();
        var extraPids = new List<int>();
        try
        {
            (await home.PbmAsync("daemon", "start")).ShouldSucceed();
            (await home.PbmAsync("process", "start", "talker", "--", "sh", "-c", Talker)).ShouldSucceed();
            (await home.PbmAsync("process", "start", "family", "--", "sh", "-c", Family)).ShouldSucceed();
            var before = await home.AwaitListAsync(l => l.Count == 2 && l.All(e => e.GetProperty("pid").ValueKind == System.Text.Json.JsonValueKind.Number), "both running");
            var talkerPid = PbmHome.Find(before, "talker").GetProperty("pid").GetInt32();
            var familyPid = PbmHome.Find(before, "family").GetProperty("pid").GetInt32();
            await Eventually(() => ProcFs.GroupMembers(familyPid).Count == 2, "the family's child started");
            var familyChild = ProcFs.GroupMembers(familyPid).Single(pid => pid != familyPid);
            extraPids.Add(familyChild);
            await Eventually(async () => (await home.PbmAsync("log", "tail", "talker", "-n", "1")).Output.Contains("line-", StringComparison.Ordinal), "the talker's output captured");

            var fifoDirectory = Path.Combine(home.Path, "run", "output");
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(fifoDirectory));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(fifoDirectory, "talker-0.stdout")));

            var daemonPid = await home.DaemonPidAsync() ?? throw new InvalidOperationException("no daemon pid");
            Signals.Send(daemonPid, Signals.SigKill);
            await Eventually(async () => (await home.PbmAsync("process", "list")).ExitCode == 3, "the killed daemon gone");

            // Long enough for the talker to write a few dozen lines with no daemon reading: with pipes, its first
            // write would have killed it (SIGPIPE).
            await Task.Delay(TimeSpan.FromSeconds(1.5), TestContext.Current.CancellationToken);
            Assert.True(ProcFs.IsAlive(talkerPid), "the talker died while no daemon ran");

            (await home.PbmAsync("daemon", "start")).ShouldSucceed();
            var after = await home.AwaitListAsync(
                l => l.Count == 2 && l.All(e => e.GetProperty("status").GetString() == "running"),
                "both running again");
            Assert.Equal(talkerPid, PbmHome.Find(after, "talker").GetProperty("pid").GetInt32());
            Assert.Equal(familyPid, PbmHome.Find(after, "family").GetProperty("pid").GetInt32());

            // The marker, then what the talker wrote meanwhile and since, without a gap.
            IReadOnlyList<string> tail = [];
            await Eventually(
                async () =>
                {
                    tail = (await home.PbmAsync("log", "tail", "talker", "-n", "1000")).ShouldSucceed().Lines;
                    return tail.Count >= 30;
                },
                "30 lines after the restart");
            var marker = Assert.Single(tail, line => line.Contains("capture resumed after a daemon restart", StringComparison.Ordinal));
            Assert.Equal(marker, tail[0]);
            var waiting = long.Parse(WaitingBytes().Match(marker).Groups[1].Value, CultureInfo.InvariantCulture);
            Assert.True(waiting > 0, "the lines written while no daemon ran were not kept: " + marker);
            var numbers = tail.Skip(1).Select(line => int.Parse(line["line-".Length..], CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(Enumerable.Range(numbers[0], numbers.Count), numbers);

            (await home.PbmAsync("log", "flush")).ShouldSucceed();
            var file = await File.ReadAllLinesAsync(Path.Combine(home.Path, "logs", "talker-0.out.log"), TestContext.Current.CancellationToken);
            var markerAt = Array.FindIndex(file, line => line.Contains("capture resumed after a daemon restart", StringComparison.Ordinal));
            Assert.True(markerAt >= 0, "no marker line in the log file");
            Assert.Contains(file.Skip(markerAt + 1), line => line.EndsWith(tail[^1], StringComparison.Ordinal));

            // Stopping the adopted family ends its TERM-ignoring child with the group.
            (await home.PbmAsync("process", "stop", "family")).ShouldSucceed();
            await Eventually(() => !ProcFs.IsAlive(familyChild), $"the family's child {familyChild} killed with its group");
            Assert.Empty(ProcFs.GroupMembers(familyPid));
        }
        finally
        {
            foreach (var pid in extraPids)
            {
                Signals.Send(pid, Signals.SigKill);
            }
        }
    }

    internal static async Task Eventually(Func<bool> condition, string what) =>
        await Eventually(() => Task.FromResult(condition()), what).ConfigureAwait(false);

    internal static async Task Eventually(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Built.Scaled(30);
        while (!await condition().ConfigureAwait(false))
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for " + what);
            await Task.Delay(50).ConfigureAwait(false);
        }
    }

    [GeneratedRegex(@"; (\d+) bytes written meanwhile")]
    private static partial Regex WaitingBytes();
}
