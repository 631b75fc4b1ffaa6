using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using ProcessManager.Actors.Os.Diagnostics;
using ProcessManager.Actors.Os.Logs;
using ProcessManager.Actors.Os.Native;

namespace ProcessManager.Actors.Os;

/// <summary>
/// Starts programs with posix_spawn: a new session (pgid = sid = pid), every signal at its default
/// disposition with an empty mask (the .NET runtime ignores SIGPIPE, a child must not inherit that),
/// stdin from /dev/null, stdout/stderr into pipes read by the log pump (or /dev/null), and every
/// descriptor above 2 closed.
/// </summary>
public static unsafe partial class ProcessSpawner
{
    private static readonly byte[] DevNull = NativeString.ToUtf8Z("/dev/null");
    private static readonly Lazy<string?> SetPrivPath = new(() => new[] { "/usr/bin/setpriv", "/bin/setpriv", "/usr/sbin/setpriv" }.FirstOrDefault(File.Exists));

    /// <summary>
    /// Starts the program. Completes synchronously (spawning takes well under a millisecond); the
    /// ValueTask shape lets an actor treat it like any other asynchronous step.
    /// </summary>
    /// <param name="request">What to run.</param>
    /// <param name="log">Where stdout and stderr go; null sends them to /dev/null.</param>
    /// <param name="cancellationToken">Checked before starting.</param>
    /// <exception cref="SpawnException">Missing binary, bad working directory, permission: the message names what and the OS error.</exception>
    public static ValueTask<ChildProcess> SpawnAsync(SpawnRequest request, ProcessLog? log = null, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<ChildProcess>(cancellationToken);
        }
        try
        {
            return ValueTask.FromResult(Spawn(request, log));
        }
        catch (SpawnException e)
        {
            return ValueTask.FromException<ChildProcess>(e);
        }
    }

    /// <inheritdoc cref="SpawnAsync"/>
    public static ChildProcess Spawn(SpawnRequest request, ProcessLog? log = null) => Spawn(Prepare(request), log);

    /// <summary>
    /// Checks a request and resolves what it runs, once: the plan can be spawned again and again
    /// (restarts) without repeating the PATH search, the environment copy and the marshalling.
    /// </summary>
    /// <exception cref="SpawnException">Missing binary, bad working directory, user change not possible.</exception>
    public static SpawnPlan Prepare(SpawnRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Argv is null || request.Argv.Count == 0 || string.IsNullOrEmpty(request.Argv[0]))
        {
            throw new ArgumentException("argv must name a program (argv[0] is empty)", nameof(request));
        }
        for (var i = 0; i < request.Argv.Count; i++)
        {
            if (request.Argv[i] is null)
            {
                throw new ArgumentException($"argv[{i}] is null", nameof(request));
            }
        }
        foreach (var key in request.Environment?.Keys ?? [])
        {
            if (key.Length == 0 || key.Contains('=', StringComparison.Ordinal))
            {
                throw new ArgumentException($"environment variable name '{key}' is empty or contains '='", nameof(request));
            }
        }
        var cwd = request.WorkingDirectory;
        if (cwd is not null && !Directory.Exists(cwd))
        {
            var errno = File.Exists(cwd) ? LibC.ENOTDIR : LibC.ENOENT;
            throw new SpawnException(errno, LibC.ErrorText(errno), $"working directory not usable: {cwd}");
        }
        var pathVariable = request.Environment is { } env
            ? env.GetValueOrDefault("PATH")
            : Environment.GetEnvironmentVariable("PATH");
        var executable = ExecutableResolver.Resolve(request.Argv[0], cwd, pathVariable);
        IReadOnlyList<string> argv = request.Argv;
        if (request.Uid is not null || request.Gid is not null)
        {
            (executable, argv) = WrapWithSetPriv(request, executable);
        }
        return new SpawnPlan(request, executable, argv);
    }

    /// <summary>Starts the program a plan describes (see <see cref="Prepare"/>).</summary>
    /// <exception cref="SpawnException">posix_spawn failed (the binary or the working directory went away since, permission).</exception>
    public static ChildProcess Spawn(SpawnPlan plan, ProcessLog? log = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return SpawnResolved(plan, log, channelFd: -1);
    }

    private static (string Executable, IReadOnlyList<string> Argv) WrapWithSetPriv(SpawnRequest request, string executable)
    {
        var what = $"run {request.Argv[0]} as uid={request.Uid?.ToString(CultureInfo.InvariantCulture) ?? "-"} gid={request.Gid?.ToString(CultureInfo.InvariantCulture) ?? "-"}";
        if (LibC.geteuid() != 0)
        {
            throw new SpawnException(LibC.EPERM, LibC.ErrorText(LibC.EPERM), $"{what}: changing user requires the daemon to run as root");
        }
        var setpriv = SetPrivPath.Value
            ?? throw new SpawnException(LibC.ENOENT, LibC.ErrorText(LibC.ENOENT), $"{what}: changing user needs setpriv (util-linux), not found");
        var wrapped = new List<string>(request.Argv.Count + 6) { setpriv };
        if (request.Uid is uint uid)
        {
            wrapped.Add(string.Create(CultureInfo.InvariantCulture, $"--reuid={uid}"));
        }
        if (request.Gid is uint gid)
        {
            wrapped.Add(string.Create(CultureInfo.InvariantCulture, $"--regid={gid}"));
        }
        wrapped.Add("--clear-groups");
        wrapped.Add("--");
        wrapped.Add(executable);
        wrapped.AddRange(request.Argv.Skip(1));
        return (setpriv, wrapped);
    }

    private static ChildProcess SpawnResolved(SpawnPlan plan, ProcessLog? log, int channelFd)
    {
        var attr = stackalloc byte[LibC.SpawnAttrSize];
        var actions = stackalloc byte[LibC.FileActionsSize];
        var sigset = stackalloc byte[LibC.SigSetSize];
        var pipes = stackalloc int[4] { -1, -1, -1, -1 };
        var pid = 0;
        var spawned = false;
        var attrReady = false;
        var actionsReady = false;
        try
        {
            if (log is not null)
            {
                if (channelFd < 0)
                {
                    OpenPipe(pipes);
                }
                OpenPipe(pipes + 2);
            }
            var nativeEnv = plan.Environment is { } env ? env.Pointer : InheritedEnvironment.Pointer;

            Check(LibC.posix_spawnattr_init(attr), "posix_spawnattr_init");
            attrReady = true;
            Check(LibC.posix_spawn_file_actions_init(actions), "posix_spawn_file_actions_init");
            actionsReady = true;
            _ = LibC.posix_spawnattr_setflags(attr, LibC.POSIX_SPAWN_SETSID | LibC.POSIX_SPAWN_SETSIGDEF | LibC.POSIX_SPAWN_SETSIGMASK);
            // All 64 signals, including glibc's internal 32 and 33 that sigfillset leaves out and
            // posix_spawn would otherwise leave ignored in the child.
            _ = LibC.sigemptyset(sigset);
            *(ulong*)sigset = ulong.MaxValue;
            _ = LibC.posix_spawnattr_setsigdefault(attr, sigset);
            _ = LibC.sigemptyset(sigset);
            _ = LibC.posix_spawnattr_setsigmask(attr, sigset);

            fixed (byte* devNull = DevNull)
            {
                if (channelFd >= 0)
                {
                    // A worker: stdin and stdout are the two directions of one socket (see SpawnWithChannel).
                    _ = LibC.posix_spawn_file_actions_adddup2(actions, channelFd, 0);
                    _ = LibC.posix_spawn_file_actions_adddup2(actions, channelFd, 1);
                }
                else
                {
                    _ = LibC.posix_spawn_file_actions_addopen(actions, 0, devNull, LibC.O_RDONLY, 0);
                }
                if (log is not null)
                {
                    if (channelFd < 0)
                    {
                        _ = LibC.posix_spawn_file_actions_adddup2(actions, pipes[1], 1);
                    }
                    _ = LibC.posix_spawn_file_actions_adddup2(actions, pipes[3], 2);
                }
                else
                {
                    if (channelFd < 0)
                    {
                        _ = LibC.posix_spawn_file_actions_addopen(actions, 1, devNull, 1, 0);
                    }
                    _ = LibC.posix_spawn_file_actions_addopen(actions, 2, devNull, 1, 0);
                }
                if (LibC.AddCloseFrom != null)
                {
                    _ = LibC.AddCloseFrom(actions, 3);
                }
                fixed (byte* cwd = plan.WorkingDirectoryZ)
                fixed (byte* path = plan.ExecutableZ)
                {
                    if (cwd != null)
                    {
                        _ = LibC.posix_spawn_file_actions_addchdir_np(actions, cwd);
                    }
                    var startedAt = DateTimeOffset.UtcNow;
                    var timestamp = Stopwatch.GetTimestamp();
                    LatencyTrace.Mark(LatencyStage.PosixSpawnCall, LatencyTrace.CurrentKey);
                    var error = LibC.posix_spawn(&pid, path, actions, attr, plan.Argv.Pointer, nativeEnv);
                    LatencyTrace.Mark(LatencyStage.PosixSpawnReturn, LatencyTrace.CurrentKey);
                    if (error != 0)
                    {
                        var where = plan.WorkingDirectory is null ? "" : $" in {plan.WorkingDirectory}";
                        throw new SpawnException(error, LibC.ErrorText(error), $"cannot start {plan.Executable}{where}");
                    }
                    spawned = true;
                    return Track(pid, startedAt, timestamp, plan.KillGroupOnExit, log, pipes, stdoutPiped: channelFd < 0);
                }
            }
        }
        finally
        {
            if (actionsReady)
            {
                _ = LibC.posix_spawn_file_actions_destroy(actions);
            }
            if (attrReady)
            {
                _ = LibC.posix_spawnattr_destroy(attr);
            }
            GC.KeepAlive(plan);
            // The write ends belong to the child now; read ends were handed to the pump unless spawning failed.
            for (var i = 0; i < 4; i++)
            {
                if (pipes[i] >= 0 && (i % 2 == 1 || !spawned))
                {
                    _ = LibC.close(pipes[i]);
                }
            }
        }
    }

    private static ChildProcess Track(int pid, DateTimeOffset startedAt, long timestamp, bool killGroupOnExit, ProcessLog? log, int* pipes, bool stdoutPiped)
    {
        var pidfd = (int)LibC.syscall(LibC.SYS_pidfd_open, pid, 0);
        if (pidfd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            _ = LibC.kill(-pid, Signals.SIGKILL);
            throw new SpawnException(errno, LibC.ErrorText(errno), $"pidfd_open({pid}) failed (Linux ≥ 5.3 is required)");
        }
        var startTicks = ProcStat.Read(pid)?.StartTimeTicks ?? 0;
        var child = new ChildProcess(pid, pidfd, startTicks, startedAt, timestamp, adopted: false, killGroupOnExit, openPipes: log is null ? 0 : stdoutPiped ? 2 : 1);
        ExitWatcher.Watch(child);
        if (log is not null)
        {
            if (stdoutPiped)
            {
                LogPump.Watch(pipes[0], LogStreamKind.Stdout, log, child);
            }
            LogPump.Watch(pipes[2], LogStreamKind.Stderr, log, child);
        }
        LatencyTrace.Mark(LatencyStage.ExitWatched, LatencyTrace.CurrentKey);
        return child;
    }

    private static void OpenPipe(int* fds)
    {
        if (LibC.pipe2(fds, LibC.O_CLOEXEC) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new SpawnException(errno, LibC.ErrorText(errno), "cannot create output pipe");
        }
        _ = LibC.fcntl(fds[0], 4 /* F_SETFL */, LibC.O_NONBLOCK);
    }

    private static void Check(int error, string call)
    {
        if (error != 0)
        {
            throw new SpawnException(error, LibC.ErrorText(error), call);
        }
    }
}
