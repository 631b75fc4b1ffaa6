using System.Runtime.InteropServices;
using ProcessManager.Host.Interop;

namespace ProcessManager.Host.Hosting;

/// <summary>
/// A planned restart in place: execve of this same program with the same arguments and environment it started with.
/// The pid stays, so programs stay the daemon's children (and systemd sees no exit); every descriptor the daemon opened
/// is close-on-exec, so the new image takes the lock, the socket and the journal afresh and adopts the programs.
/// </summary>
internal static unsafe class DaemonReexec
{
    /// <summary>Replaces the process image; returns only when execve failed, with the reason.</summary>
    public static string Execute()
    {
        var argv = Split(File.ReadAllBytes("/proc/self/cmdline"));
        var environment = Split(File.ReadAllBytes("/proc/self/environ"));
        var path = Marshal.StringToCoTaskMemUTF8("/proc/self/exe");
        var nativeArgv = ToNative(argv);
        var nativeEnvironment = ToNative(environment);
        try
        {
            _ = Libc.Execve((byte*)path, (byte**)nativeArgv, (byte**)nativeEnvironment);
            return Marshal.GetLastPInvokeErrorMessage();
        }
        finally
        {
            Free(nativeArgv, argv.Count);
            Free(nativeEnvironment, environment.Count);
            Marshal.FreeCoTaskMem(path);
        }
    }

    private static List<byte[]> Split(byte[] block)
    {
        var items = new List<byte[]>();
        var start = 0;
        for (var i = 0; i < block.Length; i++)
        {
            if (block[i] == 0)
            {
                items.Add(block[start..(i + 1)]);
                start = i + 1;
            }
        }

        return items;
    }

    private static nint ToNative(List<byte[]> items)
    {
        var array = (nint*)NativeMemory.AllocZeroed((nuint)(items.Count + 1), (nuint)sizeof(nint));
        for (var i = 0; i < items.Count; i++)
        {
            var item = (byte*)NativeMemory.Alloc((nuint)items[i].Length);
            items[i].CopyTo(new Span<byte>(item, items[i].Length));
            array[i] = (nint)item;
        }

        return (nint)array;
    }

    private static void Free(nint array, int count)
    {
        var items = (nint*)array;
        for (var i = 0; i < count; i++)
        {
            NativeMemory.Free((void*)items[i]);
        }

        NativeMemory.Free(items);
    }
}
