using System.Runtime.InteropServices;

namespace ProcessManager.Actors.Os.Native;

/// <summary>glibc's <c>environ</c>: the daemon's own environment, handed to children that inherit it.</summary>
internal static unsafe class InheritedEnvironment
{
    private static readonly byte*** Environ = (byte***)NativeLibrary.GetExport(NativeLibrary.Load("libc.so.6"), "environ");

    internal static byte** Pointer => *Environ;
}
