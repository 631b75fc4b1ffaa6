using System.Diagnostics;
using ProcessManager.Actors.Os.Native;

namespace ProcessManager.Actors.Os;

/// <summary>
/// One running program: the leader of its own session and process group (pgid = sid = pid).
/// Its exit is observed through a pidfd on the shared <see cref="ExitWatcher"/> thread, never by polling.
/// </summary>
/// <remarks>
/// Signals go to the whole process group. A grandchild that called setsid/setpgid itself has left the
/// group and is not reached by <see cref="SignalGroup"/> or <see cref="StopAsync"/>.
/// </remarks>
[DebuggerDisplay("pid {Pid}, exited = {Exited.IsCompleted}")]
public sealed class ChildProcess : IDisposable
{
    private readonly TaskCompletionSource<ExitStatus> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _outputCompleted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly long _startedTimestamp;

    /// <summary>Guards <see cref="_reaped"/> against signalling a group whose leader has been reaped.</summary>
    private readonly Lock _gate = new();

    /// <summary>Set (under <see cref="_gate"/>) just before the leader is reaped: after that the pid may be reused.</summary>
    private bool _reaped;

    /// <summary>Set by <see cref="StopAsync"/>: the group is killed when the leader exits.</summary>
    private volatile bool _stopRequested;

    /// <summary>Set by <see cref="StopAsync"/> when the program outlived its stop timeout and its group got SIGKILL.</summary>
    private volatile bool _killedAtStopTimeout;

    /// <summary>Open pipes still being read (0, 1 or 2); <see cref="OutputCompleted"/> completes at zero.</summary>
    private int _openPipes;

    /// <summary>True when this process is our child (started by us, or adopted after a restart in place): we reap it and read its status.</summary>
    private readonly bool _reapable;

    internal ChildProcess(int pid, int pidfd, ulong startTimeTicks, DateTimeOffset startedAt, long startedTimestamp, bool adopted, bool killGroupOnExit, int openPipes, bool leadsGroup = true, bool ownChild = false)
    {
        _reapable = !adopted || ownChild;
        LeadsGroup = leadsGroup;
        Pid = pid;
        PidFd = pidfd;
        StartTimeTicks = startTimeTicks;
        StartedAt = startedAt;
        _startedTimestamp = startedTimestamp;
        IsAdopted = adopted;
        KillGroupOnExit = killGroupOnExit;
        _openPipes = openPipes;
        if (openPipes == 0)
        {
            _outputCompleted.SetResult();
        }
    }

    /// <summary>Process id, also the process group id and session id.</summary>
    public int Pid { get; }

    /// <summary>Start time in clock ticks since boot (/proc/PID/stat field 22): with <see cref="Pid"/>, identifies the process.</summary>
    public ulong StartTimeTicks { get; }

    public DateTimeOffset StartedAt { get; }

    /// <summary>True when the process was found again after a daemon restart rather than started by us: its exit code is unknown.</summary>
    public bool IsAdopted { get; }

    /// <summary>True once <see cref="StopAsync"/> had to SIGKILL the group because the program outlived its stop timeout.</summary>
    public bool KilledAtStopTimeout => _killedAtStopTimeout;

    /// <summary>Completes once the program's main process has exited and been reaped.</summary>
    public Task<ExitStatus> Exited => _exited.Task;

    /// <summary>Completes when stdout and stderr reached end of file and every line was handed to the log
    /// (may be later than <see cref="Exited"/> while grandchildren hold the pipes open).</summary>
    public Task OutputCompleted => _outputCompleted.Task;

    internal int PidFd { get; }

    /// <summary>False for an adopted process that is not its group's leader: only the process itself is signalled.</summary>
    internal bool LeadsGroup { get; }

    internal bool KillGroupOnExit { get; }

    /// <summary>
    /// Sends <paramref name="signal"/> to the process group (to the process alone, through its pidfd, for an
    /// adopted process that does not lead a group). False when the program has already exited.
    /// </summary>
    public bool SignalGroup(int signal)
    {
        lock (_gate)
        {
            if (_reaped || (IsAdopted && LeadsGroup && !GroupIsStillOurs()))
            {
                return false;
            }
            return LeadsGroup
                ? LibC.kill(-Pid, signal) == 0
                : LibC.syscall4(LibC.SYS_pidfd_send_signal, PidFd, signal, 0, 0) == 0;
        }
    }

    /// <summary>
    /// Sends <paramref name="signal"/> (then SIGCONT, so a stopped group can act on it) to the group, and
    /// SIGKILL to the group if the main process has not exited within <paramref name="timeout"/>.
    /// Whatever is left in the group when the main process exits is killed as well.
    /// Completes when the main process has exited. Safe to call from many programs at once: nothing global is held while waiting.
    /// </summary>
    public async Task<ExitStatus> StopAsync(int signal, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (Exited.IsCompleted)
        {
            return await Exited.ConfigureAwait(false);
        }
        _stopRequested = true;
        if (SignalGroup(signal) && signal != Signals.SIGKILL && signal != Signals.SIGCONT)
        {
            SignalGroup(Signals.SIGCONT);
        }
        if (timeout > TimeSpan.Zero && !Exited.IsCompleted)
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(timeout, cts.Token);
            await Task.WhenAny(Exited, delay).ConfigureAwait(false);
            await cts.CancelAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
        if (!Exited.IsCompleted && SignalGroup(Signals.SIGKILL))
        {
            _killedAtStopTimeout = true;
        }
        return await Exited.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>SIGKILLs the process group if the program is still running (a safety net: stop with <see cref="StopAsync"/>).</summary>
    public void Dispose()
    {
        if (!Exited.IsCompleted)
        {
            _stopRequested = true;
            SignalGroup(Signals.SIGKILL);
        }
    }

    /// <summary>Called on the exit watcher thread when the pidfd is readable: the leader has exited.</summary>
    internal unsafe void OnExited()
    {
        int? code = null, signal = null;
        var info = stackalloc byte[LibC.SigInfoSize];
        if (_reapable)
        {
            new Span<byte>(info, LibC.SigInfoSize).Clear();
            // WNOWAIT leaves the zombie in place: it pins pid and pgid while we kill the rest of the group.
            if (LibC.waitid(LibC.P_PIDFD, PidFd, info, LibC.WEXITED | LibC.WNOWAIT) == 0)
            {
                var siCode = *(int*)(info + 8);
                var status = *(int*)(info + 24);
                if (siCode == LibC.CLD_EXITED)
                {
                    code = status;
                }
                else if (siCode is LibC.CLD_KILLED or LibC.CLD_DUMPED)
                {
                    signal = status;
                }
            }
        }
        lock (_gate)
        {
            if (!IsAdopted && (KillGroupOnExit || _stopRequested))
            {
                _ = LibC.kill(-Pid, Signals.SIGKILL);
            }
            else if (IsAdopted && LeadsGroup && (KillGroupOnExit || _stopRequested) && GroupIsStillOurs())
            {
                // Not our child: its parent (init) may have reaped it already, but a group with members left keeps
                // its id from being reused, so the group is still the program's.
                _ = LibC.kill(-Pid, Signals.SIGKILL);
            }
            _reaped = true;
        }
        if (_reapable)
        {
            _ = LibC.waitid(LibC.P_PIDFD, PidFd, info, LibC.WEXITED);
        }
        _ = LibC.close(PidFd);
        _exited.TrySetResult(new ExitStatus(code, signal, Stopwatch.GetElapsedTime(_startedTimestamp)));
    }

    /// <summary>
    /// For an adopted program (not our child, so no zombie pins its pid): the group id still names the program's group
    /// unless the pid now belongs to another process. While any member of the group lives the kernel does not reuse the
    /// id, so a live process with this pid and another start time means the group is gone and the id taken.
    /// </summary>
    private bool GroupIsStillOurs() => ProcStat.Read(Pid) is not { } stat || stat.StartTimeTicks == StartTimeTicks;

    /// <summary>Called on the log pump thread when one of the pipes reached end of file.</summary>
    internal void OnPipeClosed()
    {
        if (Interlocked.Decrement(ref _openPipes) == 0)
        {
            _outputCompleted.TrySetResult();
        }
    }
}
