using ProcessManager.Actors.Os;
using Xunit;

namespace ProcessManager.Actors.Tests.Os;

public sealed class TaggedProcessScanTests
{
    [Fact]
    public async Task The_scan_finds_the_marked_programs_of_this_daemon_and_their_children_and_nothing_else()
    {
        await using var scope = new OsTestScope();
        var tag = ProgramTag.ForHome(scope.Directory);
        var other = ProgramTag.ForHome(scope.Directory + "-other");
        var log = scope.NewLog();
        var follower = log.Follow();
        var leader = scope.Track(await ProcessSpawner.SpawnAsync(
            new SpawnRequest(["sh", "-c", "sleep 3600 & echo $!; exec sleep 3601"], Environment: TaggedEnvironment.For(tag, "web-1")), log, TestContext.Current.CancellationToken));
        var child = int.Parse((await follower.WaitForLineAsync(_ => true)).Text, System.Globalization.CultureInfo.InvariantCulture);
        var stranger = await scope.StartAsync(null, "sleep", "3602");
        var otherDaemons = scope.Track(await ProcessSpawner.SpawnAsync(
            new SpawnRequest(["sleep", "3603"], Environment: TaggedEnvironment.For(other, "web-1")), null, TestContext.Current.CancellationToken));

        var found = TaggedProcessScan.Scan(tag);

        var web = Assert.Single(found).Value.OrderBy(p => p.Pid != leader.Pid).ToList();
        Assert.Equal(
            [new TaggedProcess("web-1", leader.Pid, leader.Pid, leader.StartTimeTicks), new TaggedProcess("web-1", child, leader.Pid, ProcessIdentity.ReadStartTime(child)!.Value)],
            web);
        Assert.True(web[0].LeadsGroup);
        Assert.False(web[1].LeadsGroup);
        Assert.DoesNotContain(found.Values.SelectMany(p => p), p => p.Pid == stranger.Pid || p.Pid == otherDaemons.Pid);
    }

    [Fact]
    public async Task Kill_ends_the_same_process_and_refuses_one_whose_start_time_differs()
    {
        await using var scope = new OsTestScope();
        var program = await scope.StartAsync(null, "sleep", "3600");

        Assert.False(TaggedProcessScan.Kill(new TaggedProcess("x-0", program.Pid, program.Pid, program.StartTimeTicks + 1)));
        Assert.True(ProcessIdentity.IsAlive(program.Pid, program.StartTimeTicks));

        Assert.True(TaggedProcessScan.Kill(new TaggedProcess("x-0", program.Pid, program.Pid, program.StartTimeTicks)));
        var exit = await program.Exited.Within();
        Assert.Equal(Signals.SIGKILL, exit.Signal);
    }

    [Fact]
    public void A_tag_depends_on_the_home_only()
    {
        Assert.Equal(ProgramTag.ForHome("/var/lib/pbm"), ProgramTag.ForHome("/var/lib/pbm/"));
        Assert.NotEqual(ProgramTag.ForHome("/var/lib/pbm"), ProgramTag.ForHome("/root/.pbm"));
        Assert.Equal(ProgramTag.ForHome("/var/lib/pbm").DaemonId + "/web-0", ProgramTag.ForHome("/var/lib/pbm").ValueFor("web-0"));
    }
}
