using System.Diagnostics;
using System.Globalization;
using ProcessManager.Actors.Os;
using Xunit;

namespace ProcessManager.Actors.Tests.Os;

public sealed class ChildProcessStopTests
{
    [Fact]
    public async Task Stop_with_a_handled_signal_ends_the_program_by_that_signal()
    {
        await using var scope = new OsTestScope();
        var child = await scope.StartAsync(null, "sleep", "3600");

        var status = await child.StopAsync(Signals.SIGTERM, OsTestScope.Patience, TestContext.Current.CancellationToken).Within();

        Assert.Equal(Signals.SIGTERM, status.Signal);
        Assert.False(ProcessIdentity.IsAlive(child.Pid, child.StartTimeTicks));
    }

    [Fact]
    public async Task A_program_ignoring_SIGTERM_is_killed_after_the_timeout()
    {
        await using var scope = new OsTestScope();
        var log = scope.NewLog();
        using var follower = log.Follow();
        var child = await scope.StartTestProgramAsync(log, "--ignore-sigterm", "--ready", "--sleep", "inf");
        await follower.WaitForLineAsync("READY");
        var timeout = TimeSpan.FromMilliseconds(300 * OsTestScope.TimeFactor);

        var watch = Stopwatch.StartNew();
        var status = await child.StopAsync(Signals.SIGTERM, timeout, TestContext.Current.CancellationToken).Within();

        Assert.Equal(Signals.SIGKILL, status.Signal);
        Assert.True(watch.Elapsed >= timeout, $"killed after {watch.Elapsed}, before the {timeout} timeout");
    }

    [Fact]
    public async Task Grandchildren_die_when_the_program_is_stopped()
    {
        await using var scope = new OsTestScope();
        var log = scope.NewLog();
        using var follower = log.Follow();
        var child = await scope.StartTestProgramAsync(log, "--grandchildren", "3", "--ready", "--sleep", "inf");
        var grandchildren = new List<ChildProcess>();
        while (true)
        {
            var line = (await follower.WaitForLineAsync(_ => true)).Text;
            if (line == "READY")
            {
                break;
            }
            var pid = int.Parse(line["GRANDCHILD ".Length..], CultureInfo.InvariantCulture);
            grandchildren.Add(scope.Track(ProcessIdentity.Adopt(pid, ProcessIdentity.ReadStartTime(pid)!.Value)!));
        }
        Assert.Equal(3, grandchildren.Count);

        await child.StopAsync(Signals.SIGTERM, OsTestScope.Patience, TestContext.Current.CancellationToken).Within();

        foreach (var grandchild in grandchildren)
        {
            await grandchild.Exited.Within();
            Assert.False(ProcessIdentity.IsAlive(grandchild.Pid, grandchild.StartTimeTicks));
        }
    }

    [Fact]
    public async Task Orphans_left_in_the_group_are_killed_when_the_program_exits()
    {
        await using var scope = new OsTestScope();
        var log = scope.NewLog();
        using var follower = log.Follow();
        // The shell starts a background sleep, reports it, then waits for a line on a fifo we control.
        var fifo = Path.Combine(scope.Directory, "go");
        Assert.Equal(0, await MkfifoAsync(scope, fifo));
        var child = await scope.StartAsync(log, "sh", "-c", $"sleep 3600 & echo $!; read x < {fifo}; exit 0");
        var sleepPid = int.Parse((await follower.WaitForLineAsync(_ => true)).Text, CultureInfo.InvariantCulture);
        var orphan = scope.Track(ProcessIdentity.Adopt(sleepPid, ProcessIdentity.ReadStartTime(sleepPid)!.Value)!);

        await File.WriteAllTextAsync(fifo, "go\n", TestContext.Current.CancellationToken);
        var status = await child.Exited.Within();

        Assert.Equal(0, status.Code);
        await orphan.Exited.Within();
        Assert.False(ProcessIdentity.IsAlive(orphan.Pid, orphan.StartTimeTicks));
    }

    [Fact]
    public async Task Many_programs_stop_in_parallel()
    {
        await using var scope = new OsTestScope();
        var children = new List<ChildProcess>();
        for (var i = 0; i < 20; i++)
        {
            children.Add(await scope.StartAsync(null, "sleep", "3600"));
        }

        var statuses = await Task.WhenAll(children.Select(c => c.StopAsync(Signals.SIGTERM, OsTestScope.Patience, TestContext.Current.CancellationToken))).Within();

        Assert.All(statuses, s => Assert.Equal(Signals.SIGTERM, s.Signal));
    }

    [Fact]
    public async Task Signalling_an_exited_program_does_nothing()
    {
        await using var scope = new OsTestScope();
        var child = await scope.StartAsync(null, "true");
        await child.Exited.Within();

        Assert.False(child.SignalGroup(Signals.SIGTERM));
        var status = await child.StopAsync(Signals.SIGTERM, TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken).Within();
        Assert.Equal(0, status.Code);
    }

    [Fact]
    public async Task Dispose_kills_a_running_program()
    {
        await using var scope = new OsTestScope();
        var child = await scope.StartAsync(null, "sleep", "3600");

        child.Dispose();

        Assert.Equal(Signals.SIGKILL, (await child.Exited.Within()).Signal);
    }

    private static async Task<int> MkfifoAsync(OsTestScope scope, string path)
    {
        var status = await (await scope.StartAsync(null, "mkfifo", path)).Exited.Within();
        return status.Code ?? -1;
    }
}
