using System.Runtime.InteropServices;

namespace ProcessManager.Host.Interop;

/// <summary>The few libc calls the daemon needs that .NET does not expose (flock without .NET's own share locks, setsid, dup2).</summary>
internal static unsafe partial class Libc
{
    public const int ORdWr = 0x2;
    public const int OCreat = 0x40;
    public const int OWrOnly = 0x1;
    public const int OAppend = 0x400;
    public const int OCloExec = 0x80000;
    public const int LockEx = 2;
    public const int LockNb = 4;
    public const int EWouldBlock = 11;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    public static partial int Flock(int fd, int operation);

    [LibraryImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    public static partial int Ftruncate(int fd, long length);

    [LibraryImport("libc", EntryPoint = "pwrite", SetLastError = true)]
    public static partial nint Pwrite(int fd, byte* buffer, nint count, long offset);

    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    public static partial nint Pread(int fd, byte* buffer, nint count, long offset);

    /// <summary>mallopt's M_ARENA_MAX: the most malloc arenas glibc creates.</summary>
    public const int MArenaMax = -8;

    [LibraryImport("libc", EntryPoint = "mallopt")]
    public static partial int Mallopt(int parameter, int value);

    /// <summary>glibc: gives the free memory at the top of the main heap and the free pages inside every arena back to the system; 1 when some was given back.</summary>
    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    public static partial int MallocTrim(nuint pad);

    [LibraryImport("libc", EntryPoint = "setsid", SetLastError = true)]
    public static partial int Setsid();

    [LibraryImport("libc", EntryPoint = "dup2", SetLastError = true)]
    public static partial int Dup2(int oldFd, int newFd);

    [LibraryImport("libc", EntryPoint = "execve", SetLastError = true)]
    public static partial int Execve(byte* path, byte** argv, byte** envp);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    public static partial uint Geteuid();
}
