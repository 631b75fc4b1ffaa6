using System.Runtime.InteropServices;

namespace ProcessManager.Cli.Commands.Daemon;

/// <summary>
/// Waits for a process that is not pbm's child to exit, through a pidfd (readable once it has exited): pbm returns as
/// the daemon ends, where .NET's Process.WaitForExitAsync polls a non-child with kill(pid, 0) up to 100 ms apart and
/// takes a zombie for a live process.
/// </summary>
internal static partial class ProcessExitWaiter
{
    private const int SysPidfdOpen = 434;
    private const short PollIn = 0x1;
    private const int Esrch = 3;
    private const int Eintr = 4;

    /// <summary>True once <paramref name="pid"/> has exited (or was gone already); false when <paramref name="timeout"/> passed first.</summary>
    public static async Task<bool> WaitAsync(int pid, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var fd = (int)syscall(SysPidfdOpen, pid, 0);
        if (fd < 0)
        {
            if (Marshal.GetLastPInvokeError() == Esrch)
            {
                return true;
            }

            // No pidfd (a kernel before 5.3): .NET's own wait.
            return await WaitWithProcessAsync(pid, timeout, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            // poll blocks a thread-pool thread for at most the timeout; Ctrl-C ends the wait (and pbm) without it.
            return await Task.Run(() => PollReadable(fd, timeout), CancellationToken.None).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _ = close(fd);
        }
    }

    private static bool PollReadable(int fd, TimeSpan timeout)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        var poll = new PollFd { Fd = fd, Events = PollIn };
        while (true)
        {
            var left = deadline - Environment.TickCount64;
            if (left <= 0)
            {
                return false;
            }

            var ready = LibcPoll(ref poll, 1, (int)Math.Min(left, int.MaxValue));
            if (ready > 0)
            {
                return true;
            }

            if (ready < 0 && Marshal.GetLastPInvokeError() != Eintr)
            {
                return false;
            }
        }
    }

    private static async Task<bool> WaitWithProcessAsync(int pid, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(timeout);
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
            return true;
        }
        catch (ArgumentException)
        {
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial long syscall(long number, int pid, uint flags);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static partial int LibcPoll(ref PollFd fds, nuint count, int timeoutMs);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int close(int fd);
}
