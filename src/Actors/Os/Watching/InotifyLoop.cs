using System.Collections.Concurrent;
using ProcessManager.Actors.Os.Native;

namespace ProcessManager.Actors.Os.Watching;

/// <summary>
/// One epoll thread for every app's inotify descriptor, started when the first app asks to be watched (a daemon with
/// no watched app runs no thread for it). Reading a descriptor and matching its events happens here, off every
/// actor's mailbox; what an app hears is one message per batch of changes.
/// </summary>
internal static unsafe class InotifyLoop
{
    private const int MaxEvents = 32;

    private static readonly ConcurrentDictionary<ulong, DirectoryWatcher> Watchers = new();
    private static readonly Lazy<int> EpollFd = new(() => Epoll.StartLoop("pbm-watch", Run), LazyThreadSafetyMode.ExecutionAndPublication);
    private static long _nextToken;

    /// <summary>Adds <paramref name="watcher"/>'s descriptor; returns the token to remove it with.</summary>
    public static ulong Add(int fd, DirectoryWatcher watcher)
    {
        var token = (ulong)Interlocked.Increment(ref _nextToken);
        Watchers[token] = watcher;
        var error = Epoll.Add(EpollFd.Value, fd, LibC.EPOLLIN, token);
        if (error != 0)
        {
            Watchers.TryRemove(token, out _);
            throw new IOException($"epoll_ctl: {LibC.ErrorText(error)}");
        }

        return token;
    }

    public static void Remove(int fd, ulong token)
    {
        Epoll.Remove(EpollFd.Value, fd);
        Watchers.TryRemove(token, out _);
    }

    private static void Run(int epfd)
    {
        var events = stackalloc byte[MaxEvents * 16];

        // Room for several hundred events per read; inotify never splits one event across reads.
        var scratch = new byte[64 * 1024];
        while (true)
        {
            var count = Epoll.Wait(epfd, events, MaxEvents, "pbm-watch");
            for (var i = 0; i < count; i++)
            {
                if (Watchers.TryGetValue(Epoll.TokenAt(events, i), out var watcher))
                {
                    watcher.OnReadable(scratch);
                }
            }
        }
    }
}
