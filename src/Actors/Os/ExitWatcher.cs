using System.Collections.Concurrent;
using ProcessManager.Actors.Os.Diagnostics;
using ProcessManager.Actors.Os.Native;

namespace ProcessManager.Actors.Os;

/// <summary>
/// One thread blocked in epoll_wait on the pidfds of every child. A pidfd becomes readable when its
/// process exits; the child is then reaped by pidfd (never waitpid(-1), which would steal the exits
/// System.Diagnostics.Process waits for).
/// </summary>
internal static unsafe class ExitWatcher
{
    private const int MaxEvents = 64;
    private static readonly ConcurrentDictionary<ulong, ChildProcess> Watched = new();
    private static readonly int EpollFd = Epoll.StartLoop("pbm-exit-watcher", Run);
    private static long s_nextToken;

    internal static void Watch(ChildProcess child)
    {
        var token = (ulong)Interlocked.Increment(ref s_nextToken);
        Watched[token] = child;
        var error = Epoll.Add(EpollFd, child.PidFd, LibC.EPOLLIN, token);
        if (error != 0)
        {
            Watched.TryRemove(token, out _);
            throw new InvalidOperationException($"cannot watch pid {child.Pid}: epoll_ctl: {LibC.ErrorText(error)}");
        }
    }

    private static void Run(int epfd)
    {
        var events = stackalloc byte[MaxEvents * Epoll.EventSize];
        while (true)
        {
            var count = Epoll.Wait(epfd, events, MaxEvents, "pbm-exit-watcher");
            for (var i = 0; i < count; i++)
            {
                if (Watched.TryRemove(Epoll.TokenAt(events, i), out var child))
                {
                    LatencyTrace.Mark(LatencyStage.ExitSeen, -1);
                    Epoll.Remove(epfd, child.PidFd);
                    child.OnExited();
                }
            }
        }
    }
}
