using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using ProcessManager.Actors.Os;
using Xunit;

namespace ProcessManager.Actors.Tests.Os;

[SupportedOSPlatform("linux")]
public sealed partial class ProcessSpawnerTests
{
    [Fact]
    public async Task Exit_code_is_reported()
    {
        await using var scope = new OsTestScope();
        var child = await scope.StartAsync(null, "sh", "-c", "exit 7");

        var status = await child.Exited.Within();

        Assert.Equal(7, status.Code);
        Assert.Null(status.Signal);
        Assert.True(status.Success(new HashSet<int> { 0, 7 }));
        Assert.False(status.Success(new HashSet<int> { 0 }));
    }

    [Fact]
    public async Task Death_by_signal_is_reported()
    {
        await using var scope = new OsTestScope();
        var child = await scope.StartTestProgramAsync(null, "--crash");

        var status = await child.Exited.Within();

        Assert.Null(status.Code);
        Assert.Equal(Signals.SIGABRT, status.Signal);
        Assert.Contains("SIGABRT", status.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Child_leads_its_own_session_and_process_group()
    {
        await using var scope = new OsTestScope();
        var log = scope.NewLog();
        using var follower = log.Follow();
        var child = await scope.StartAsync(log, "sh", "-c", "cut -d' ' -f5,6 /proc/$$/stat");

        var line = await follower.WaitForLineAsync(_ => true);

        Assert.Equal($"{child.Pid} {child.Pid}", line.Text);
        Assert.Equal(ProcessIdentity.ReadStartTime(Environment.ProcessId) is null ? 0UL : child.StartTimeTicks, child.StartTimeTicks);
        Assert.NotEqual(0UL, child.StartTimeTicks);
    }

    [Fact]
    public async Task Working_directory_and_environment_are_applied()
    {
        await using var scope = new OsTestScope();
        var log = scope.NewLog();
        var env = new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin", ["PBM_TEST_VALUE"] = "hello world" };
        var child = scope.Track(await ProcessSpawner.SpawnAsync(
            new SpawnRequest(["sh", "-c", "pwd; echo \"$PBM_TEST_VALUE\"; echo \"${HOME:-no-home}\""], scope.Directory, env), log, TestContext.Current.CancellationToken));

        await child.DrainedAsync(log);

        Assert.Equal([scope.Directory, "hello world", "no-home"], log.Tail(10).Select(l => l.Text));
    }

    [Fact]
    public async Task Signals_have_default_dispositions_and_an_empty_mask_in_the_child()
    {
        await using var scope = new OsTestScope();
        var log = scope.NewLog();
        // The .NET runtime ignores SIGPIPE; with the default restored, `yes` dies of SIGPIPE (128 + 13).
        var child = await scope.StartAsync(log, "sh", "-c", "grep -E '^Sig(Ign|Blk)' /proc/self/status; (yes; echo \"yes-exit:$?\" >&2) | head -1 >/dev/null");

        var status = await child.Exited.Within();
        await child.DrainedAsync(log);

        Assert.Equal(0, status.Code);
        var lines = log.Tail(10).Select(l => l.Text).ToList();
        Assert.Contains("SigIgn:\t0000000000000000", lines);
        Assert.Contains("SigBlk:\t0000000000000000", lines);
        Assert.Contains("yes-exit:141", lines);
    }

    [Fact]
    public async Task Descriptors_above_2_are_not_inherited()
    {
        await using var scope = new OsTestScope();
        var log = scope.NewLog();
        // dup() leaves the copy without O_CLOEXEC: only closefrom keeps it out of the child.
        var leaked = dup(1);
        Assert.True(leaked > 2);
        try
        {
            var child = await scope.StartAsync(log, "sh", "-c", "ls /proc/$$/fd");
            await child.DrainedAsync(log);
        }
        finally
        {
            _ = close(leaked);
        }

        // ls lists the shell's descriptors (not its own): stdin, stdout and stderr only.
        Assert.Equal(["0", "1", "2"], log.Tail(10).Select(l => l.Text));
    }

    [Fact]
    public async Task Missing_binary_is_reported_with_the_OS_message()
    {
        var error = await Assert.ThrowsAsync<SpawnException>(async () =>
            await ProcessSpawner.SpawnAsync(new SpawnRequest(["pbm-no-such-binary-x"]), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(2, error.Errno);
        Assert.Contains("binary not found: pbm-no-such-binary-x", error.Message, StringComparison.Ordinal);
        Assert.Contains("No such file or directory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_working_directory_is_reported()
    {
        var error = await Assert.ThrowsAsync<SpawnException>(async () =>
            await ProcessSpawner.SpawnAsync(new SpawnRequest(["sleep", "1"], "/nonexistent/pbm-dir"), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("working directory not usable: /nonexistent/pbm-dir", error.Message, StringComparison.Ordinal);
        Assert.Contains("No such file or directory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Non_executable_file_is_reported()
    {
        await using var scope = new OsTestScope();
        var script = Path.Combine(scope.Directory, "script.sh");
        await File.WriteAllTextAsync(script, "#!/bin/sh\necho hi\n", TestContext.Current.CancellationToken);
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var error = await Assert.ThrowsAsync<SpawnException>(async () =>
            await ProcessSpawner.SpawnAsync(new SpawnRequest([script]), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(13, error.Errno);
        Assert.Contains($"binary not executable: {script}", error.Message, StringComparison.Ordinal);
        Assert.Contains("Permission denied", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_failure_inside_posix_spawn_is_reported()
    {
        await using var scope = new OsTestScope();
        // Executable bit set but no valid format and no #! line: execve fails with ENOEXEC.
        var bogus = Path.Combine(scope.Directory, "bogus");
        await File.WriteAllBytesAsync(bogus, [0x7f, 0x45, 0x4c, 0x46, 0, 0, 0], TestContext.Current.CancellationToken);
        File.SetUnixFileMode(bogus, UnixFileMode.UserRead | UnixFileMode.UserExecute);

        var error = await Assert.ThrowsAsync<SpawnException>(async () =>
            await ProcessSpawner.SpawnAsync(new SpawnRequest([bogus]), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains($"cannot start {bogus}", error.Message, StringComparison.Ordinal);
        Assert.NotEqual(0, error.Errno);
    }

    [Fact]
    public async Task Uid_and_gid_are_applied_when_running_as_root()
    {
        Assert.SkipUnless(geteuid() == 0, "changing user needs root");
        await using var scope = new OsTestScope();
        var log = scope.NewLog();
        var child = scope.Track(await ProcessSpawner.SpawnAsync(new SpawnRequest(["sh", "-c", "id -u; id -g"], Uid: 65534, Gid: 65534), log, TestContext.Current.CancellationToken));

        await child.DrainedAsync(log);

        Assert.Equal(["65534", "65534"], log.Tail(10).Select(l => l.Text));
    }

    [LibraryImport("libc")]
    private static partial int dup(int fd);

    [LibraryImport("libc")]
    private static partial int close(int fd);

    [LibraryImport("libc")]
    private static partial uint geteuid();
}
