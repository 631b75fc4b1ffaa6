using System.Collections.Concurrent;
using System.Runtime.InteropServices;
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
    private static readonly int EpollFd = StartThread();
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

    private static int StartThread()
    {
        var epfd = Epoll.Create();
        var thread = new Thread(() => Run(epfd)) { IsBackground = true, Name = "pbm-exit-watcher" };
        thread.Start();
        return epfd;
    }

    private static void Run(int epfd)
    {
        var events = stackalloc byte[MaxEvents * Epoll.EventSize];
        while (true)
        {
            var count = LibC.epoll_wait(epfd, events, MaxEvents, -1);
            if (count < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno == LibC.EINTR)
                {
                    continue;
                }
                Environment.FailFast($"pbm-exit-watcher: epoll_wait failed: {LibC.ErrorText(errno)}");
            }
            for (var i = 0; i < count; i++)
            {
                if (Watched.TryRemove(Epoll.TokenAt(events, i), out var child))
                {
                    Epoll.Remove(epfd, child.PidFd);
                    child.OnExited();
                }
            }
        }
    }
}
