using System.Runtime.InteropServices;

namespace ProcessManager.Actors.Os.Native;

/// <summary>The libc and syscall entry points the OS layer needs (Linux, glibc ≥ 2.29).</summary>
internal static unsafe partial class LibC
{
    private const string Lib = "libc";

    internal const int EINTR = 4;
    internal const int EAGAIN = 11;
    internal const int ECHILD = 10;
    internal const int ESRCH = 3;
    internal const int ENOENT = 2;
    internal const int EACCES = 13;
    internal const int EPERM = 1;
    internal const int ENOTDIR = 20;

    internal const int O_RDONLY = 0;
    internal const int O_NONBLOCK = 0x800;
    internal const int O_CLOEXEC = 0x80000;

    internal const int F_SETPIPE_SZ = 1031;

    internal const int AF_UNIX = 1;
    internal const int SOCK_STREAM = 1;
    internal const int SOCK_CLOEXEC = 0x80000;

    internal const short POSIX_SPAWN_SETSIGDEF = 0x04;
    internal const short POSIX_SPAWN_SETSIGMASK = 0x08;
    internal const short POSIX_SPAWN_SETSID = 0x80;

    internal const int P_PIDFD = 3;
    internal const int WEXITED = 4;
    internal const int WNOHANG = 1;
    internal const int WNOWAIT = 0x01000000;
    internal const int CLD_EXITED = 1;
    internal const int CLD_KILLED = 2;
    internal const int CLD_DUMPED = 3;

    internal const int EPOLL_CLOEXEC = 0x80000;
    internal const int EPOLL_CTL_ADD = 1;
    internal const int EPOLL_CTL_DEL = 2;
    internal const uint EPOLLIN = 0x001;
    internal const uint EPOLLERR = 0x008;
    internal const uint EPOLLHUP = 0x010;

    internal const int SYS_pidfd_open = 434;
    internal const int SYS_pidfd_send_signal = 424;
    internal const int SC_CLK_TCK = 2;
    internal const int X_OK = 1;

    /// <summary>Opaque glibc object sizes on 64-bit (336, 80, 128 bytes) rounded up generously.</summary>
    internal const int SpawnAttrSize = 512;
    internal const int FileActionsSize = 256;
    internal const int SigSetSize = 128;
    internal const int SigInfoSize = 128;

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int pipe2(int* fds, int flags);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int close(int fd);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int socketpair(int domain, int type, int protocol, int* fds);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial nint read(int fd, byte* buffer, nint count);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int fcntl(int fd, int cmd, int arg);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int kill(int pid, int signal);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial long syscall(long number, long arg1, long arg2);

    /// <summary>syscall(2) with four arguments: unused ones must be zero, not whatever the registers hold.</summary>
    [LibraryImport(Lib, EntryPoint = "syscall", SetLastError = true)]
    internal static partial long syscall4(long number, long arg1, long arg2, long arg3, long arg4);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int waitid(int idType, int id, byte* info, int options);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int epoll_create1(int flags);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int epoll_ctl(int epfd, int op, int fd, byte* ev);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int epoll_wait(int epfd, byte* events, int maxEvents, int timeout);

    [LibraryImport(Lib, SetLastError = true)]
    internal static partial int access(byte* path, int mode);

    [LibraryImport(Lib)]
    internal static partial uint geteuid();

    [LibraryImport(Lib)]
    internal static partial long sysconf(int name);

    [LibraryImport(Lib)]
    internal static partial int sigemptyset(byte* set);

    [LibraryImport(Lib)]
    internal static partial int posix_spawn(int* pid, byte* path, byte* fileActions, byte* attr, byte** argv, byte** envp);

    [LibraryImport(Lib)]
    internal static partial int posix_spawnattr_init(byte* attr);

    [LibraryImport(Lib)]
    internal static partial int posix_spawnattr_destroy(byte* attr);

    [LibraryImport(Lib)]
    internal static partial int posix_spawnattr_setflags(byte* attr, short flags);

    [LibraryImport(Lib)]
    internal static partial int posix_spawnattr_setsigmask(byte* attr, byte* set);

    [LibraryImport(Lib)]
    internal static partial int posix_spawnattr_setsigdefault(byte* attr, byte* set);

    [LibraryImport(Lib)]
    internal static partial int posix_spawn_file_actions_init(byte* actions);

    [LibraryImport(Lib)]
    internal static partial int posix_spawn_file_actions_destroy(byte* actions);

    [LibraryImport(Lib)]
    internal static partial int posix_spawn_file_actions_adddup2(byte* actions, int fd, int newFd);

    [LibraryImport(Lib)]
    internal static partial int posix_spawn_file_actions_addopen(byte* actions, int fd, byte* path, int flags, uint mode);

    [LibraryImport(Lib)]
    internal static partial int posix_spawn_file_actions_addchdir_np(byte* actions, byte* path);

    /// <summary>glibc ≥ 2.34; looked up at run time so an older glibc falls back to O_CLOEXEC alone.</summary>
    internal static readonly delegate* unmanaged<byte*, int, int> AddCloseFrom = LoadAddCloseFrom();

    private static delegate* unmanaged<byte*, int, int> LoadAddCloseFrom()
    {
        if (NativeLibrary.TryLoad("libc.so.6", out var handle)
            && NativeLibrary.TryGetExport(handle, "posix_spawn_file_actions_addclosefrom_np", out var address))
        {
            return (delegate* unmanaged<byte*, int, int>)address;
        }
        return null;
    }

    /// <summary>strerror text for an errno value.</summary>
    internal static string ErrorText(int errno) => Marshal.GetPInvokeErrorMessage(errno);
}
