using System.Globalization;
using System.Runtime.Versioning;
using ProcessManager.Actors.Os;
using ProcessManager.Actors.Os.Logs;
using ProcessManager.Actors.Os.Native;
using Xunit;

namespace ProcessManager.Actors.Tests.Os;

[SupportedOSPlatform("linux")]
public sealed class OutputFifosTests
{
    [Fact]
    public async Task A_program_spawned_with_fifos_is_captured_and_its_fifos_are_private()
    {
        await using var scope = new OsTestScope();
        var fifos = new OutputFifos(new OutputCaptureSettings(Path.Combine(scope.Directory, "run", "output")), "web", 2);
        var log = scope.NewLog(name: "web", index: 2);

        var child = scope.Track(ProcessSpawner.Spawn(ProcessSpawner.Prepare(new SpawnRequest(["sh", "-c", "echo out-1; echo err-1 >&2; echo out-2"])), log, fifos));
        await child.DrainedAsync(log);

        var tail = log.Tail(10);
        Assert.Equal(["err-1", "out-1", "out-2"], tail.Select(line => line.Text).Order(StringComparer.Ordinal));
        Assert.Equal(LogStreamKind.Stderr, tail.Single(line => line.Text == "err-1").Stream);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(fifos.Settings.Directory));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(fifos.StdoutPath));
        Assert.Equal(Path.Combine(fifos.Settings.Directory, "web-2.stderr"), fifos.StderrPath);
    }

    [Fact]
    public async Task A_program_whose_reader_went_away_keeps_writing_and_an_adopter_captures_all_it_wrote_after_a_marker()
    {
        await using var scope = new OsTestScope();
        var fifos = new OutputFifos(new OutputCaptureSettings(Path.Combine(scope.Directory, "fifos")), "talker", 0);
        // A daemon that created the FIFOs and died: its read ends are closed.
        var (stdout, stderr) = fifos.CreateAndOpen();
        _ = LibC.close(stdout);
        _ = LibC.close(stderr);
        var script = $"exec 1<>'{fifos.StdoutPath}' 2<>'{fifos.StderrPath}'; i=0; while [ $i -lt 100 ]; do i=$((i+1)); echo line-$i; done; echo done >&2; exec sleep 3600";
        var program = await scope.StartAsync(null, "sh", "-c", script);
        await WaitUntil(() => Waiting(fifos.StderrPath) > 0);
        Assert.False(program.Exited.IsCompleted, "the program died writing with no reader");

        var log = scope.NewLog(name: "talker");
        var follower = log.Follow(1000);
        var adopted = scope.Track(ProcessIdentity.Adopt(program.Pid, program.StartTimeTicks, log, fifos)!);

        Assert.Contains("capture resumed after a daemon restart", (await follower.WaitForLineAsync(_ => true)).Text, StringComparison.Ordinal);
        await follower.WaitForLineAsync("done");
        var lines = log.Tail(1000).Select(line => line.Text).ToList();
        Assert.Equal(Enumerable.Range(1, 100).Select(i => "line-" + i.ToString(CultureInfo.InvariantCulture)), lines.Where(line => line.StartsWith("line-", StringComparison.Ordinal)));
        Assert.True(adopted.IsAdopted);
    }

    [Fact]
    public async Task Stopping_an_adopted_program_kills_its_whole_group()
    {
        await using var scope = new OsTestScope();
        // The leader exits on SIGTERM; its child ignores SIGTERM: only the group SIGKILL at the leader's exit ends it.
        var original = scope.Track(await ProcessSpawner.SpawnAsync(
            new SpawnRequest(["sh", "-c", "(trap '' TERM; exec sleep 3600) & wait"]) { KillGroupOnExit = false }, cancellationToken: TestContext.Current.CancellationToken));
        await WaitUntil(() => GroupMembers(original.Pid).Count == 2);
        var grandchild = GroupMembers(original.Pid).Single(pid => pid != original.Pid);

        var adopted = scope.Track(ProcessIdentity.Adopt(original.Pid, original.StartTimeTicks)!);
        await adopted.StopAsync(Signals.SIGTERM, OsTestScope.Patience, TestContext.Current.CancellationToken).Within();

        await WaitUntil(() => ProcStat.Read(grandchild) is not { State: not 'Z' });
        Assert.Empty(GroupMembers(original.Pid));
    }

    [Fact]
    public async Task Fifos_no_program_holds_are_removed_at_start_and_held_ones_kept()
    {
        await using var scope = new OsTestScope();
        var settings = new OutputCaptureSettings(Path.Combine(scope.Directory, "fifos"));
        var stale = new OutputFifos(settings, "gone", 0);
        var (a, b) = stale.CreateAndOpen();
        _ = LibC.close(a);
        _ = LibC.close(b);
        var live = new OutputFifos(settings, "alive", 0);
        var log = scope.NewLog(name: "alive");
        scope.Track(ProcessSpawner.Spawn(ProcessSpawner.Prepare(new SpawnRequest(["sleep", "3600"])), log, live));

        Assert.Equal(2, OutputFifos.RemoveStale(settings.Directory));
        Assert.False(File.Exists(stale.StdoutPath));
        Assert.True(File.Exists(live.StdoutPath));
        Assert.True(File.Exists(live.StderrPath));
    }

    private static unsafe int Waiting(string path)
    {
        fixed (byte* p = NativeString.ToUtf8Z(path))
        {
            // A second reader (non-blocking) only to ask how many bytes wait.
            var fd = LibC.open(p, LibC.O_RDONLY | LibC.O_NONBLOCK | LibC.O_CLOEXEC, 0);
            try
            {
                return fd < 0 ? 0 : OutputFifos.Waiting(fd);
            }
            finally
            {
                _ = LibC.close(fd);
            }
        }
    }

    private static List<int> GroupMembers(int pgid) =>
        [.. Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? ProcStat.Read(pid) : null)
            .Where(stat => stat is { State: not 'Z' } s && s.ProcessGroup == pgid)
            .Select(stat => stat!.Value.Pid)];

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + OsTestScope.Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
