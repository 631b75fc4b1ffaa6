using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using ProcessManager.Actors.Os.Native;

namespace ProcessManager.Actors.Os.Logs;

/// <summary>
/// One thread reads every child's stdout/stderr pipe (epoll, non-blocking reads into one reused
/// buffer), splits the bytes into lines and hands them to each program's <see cref="ProcessLog"/>.
/// No task, string or array per line; the child is never made to wait by a slow disk.
/// </summary>
internal static unsafe class LogPump
{
    private const int BufferSize = 64 * 1024;
    private const int MaxEvents = 64;

    /// <summary>Reads per readiness event before moving on, so one chatty program cannot starve the others.</summary>
    private const int ReadsPerEvent = 4;

    private static readonly ConcurrentDictionary<ulong, PipeSource> Sources = new();
    private static readonly int EpollFd = Epoll.StartLoop("pbm-log-pump", Run);
    private static long s_nextToken;

    internal static void Watch(int fd, LogStreamKind stream, ProcessLog log, ChildProcess child)
    {
        var token = (ulong)Interlocked.Increment(ref s_nextToken);
        Sources[token] = new PipeSource(fd, stream, log, child);
        var error = Epoll.Add(EpollFd, fd, LibC.EPOLLIN, token);
        if (error != 0)
        {
            Sources.TryRemove(token, out _);
            _ = LibC.close(fd);
            child.OnPipeClosed();
            throw new InvalidOperationException($"cannot watch output of pid {child.Pid}: epoll_ctl: {LibC.ErrorText(error)}");
        }
    }

    private static void Run(int epfd)
    {
        var events = stackalloc byte[MaxEvents * Epoll.EventSize];
        var buffer = GC.AllocateUninitializedArray<byte>(BufferSize, pinned: true);
        fixed (byte* bufferPointer = buffer)
        {
            while (true)
            {
                var count = Epoll.Wait(epfd, events, MaxEvents, "pbm-log-pump");
                for (var i = 0; i < count; i++)
                {
                    var token = Epoll.TokenAt(events, i);
                    if (Sources.TryGetValue(token, out var source) && !Drain(source, bufferPointer, buffer))
                    {
                        Sources.TryRemove(token, out _);
                        Epoll.Remove(epfd, source.Fd);
                        _ = LibC.close(source.Fd);
                        source.Child.OnPipeClosed();
                    }
                }
            }
        }
    }

    /// <summary>Reads what is there; false at end of file.</summary>
    private static bool Drain(PipeSource source, byte* bufferPointer, byte[] buffer)
    {
        try
        {
            for (var reads = 0; reads < ReadsPerEvent; reads++)
            {
                var n = LibC.read(source.Fd, bufferPointer, BufferSize);
                if (n > 0)
                {
                    source.Split(buffer.AsSpan(0, (int)n), DateTime.UtcNow.Ticks);
                    if (n < BufferSize)
                    {
                        return true;
                    }
                    continue;
                }
                if (n < 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno == LibC.EAGAIN)
                    {
                        return true;
                    }
                    if (errno == LibC.EINTR)
                    {
                        continue;
                    }
                }
                source.FlushPartial(DateTime.UtcNow.Ticks);
                return false;
            }
            return true;
        }
        finally
        {
            source.Log.EndBatch();
        }
    }
}
