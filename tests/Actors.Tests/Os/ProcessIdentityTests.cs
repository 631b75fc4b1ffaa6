using ProcessManager.Actors.Os;
using Xunit;

namespace ProcessManager.Actors.Tests.Os;

public sealed class ProcessIdentityTests
{
    [Fact]
    public async Task A_process_is_recognised_by_pid_and_start_time()
    {
        await using var scope = new OsTestScope();
        var child = await scope.StartAsync(null, "sleep", "3600");

        Assert.Equal(child.StartTimeTicks, ProcessIdentity.ReadStartTime(child.Pid));
        Assert.True(ProcessIdentity.IsAlive(child.Pid, child.StartTimeTicks));
        Assert.False(ProcessIdentity.IsAlive(child.Pid, child.StartTimeTicks + 1));
        var started = ProcessIdentity.ToDateTime(child.StartTimeTicks);
        Assert.InRange(started, child.StartedAt.AddSeconds(-2), child.StartedAt.AddSeconds(2));

        child.SignalGroup(Signals.SIGKILL);
        await child.Exited.Within();

        Assert.False(ProcessIdentity.IsAlive(child.Pid, child.StartTimeTicks));
        Assert.Null(ProcessIdentity.Adopt(child.Pid, child.StartTimeTicks));
    }

    [Fact]
    public async Task An_adopted_process_that_is_not_our_child_reports_its_exit_with_an_unknown_status()
    {
        await using var scope = new OsTestScope();
        var log = scope.NewLog();
        var follower = log.Follow();
        // sh prints the pid of its background sleep and exits: the sleep is orphaned, someone else's child now.
        var parent = scope.Track(await ProcessSpawner.SpawnAsync(
            new SpawnRequest(["sh", "-c", "sleep 3600 & echo $!"]) { KillGroupOnExit = false }, log, TestContext.Current.CancellationToken));
        var pid = int.Parse((await follower.WaitForLineAsync(_ => true)).Text, System.Globalization.CultureInfo.InvariantCulture);
        await parent.Exited.Within();

        var adopted = scope.Track(ProcessIdentity.Adopt(pid, ProcessIdentity.ReadStartTime(pid)!.Value)!);
        Assert.True(adopted.IsAdopted);
        Assert.Equal(pid, adopted.Pid);
        Assert.False(adopted.Exited.IsCompleted);

        Assert.True(adopted.SignalGroup(Signals.SIGTERM));

        Assert.True((await adopted.Exited.Within()).IsUnknown);
        Assert.False(ProcessIdentity.IsAlive(pid, adopted.StartTimeTicks));
    }

    [Fact]
    public void A_wrong_start_time_is_not_adopted()
    {
        var self = Environment.ProcessId;
        var start = ProcessIdentity.ReadStartTime(self)!.Value;

        Assert.Null(ProcessIdentity.Adopt(self, start + 5));
    }
}
