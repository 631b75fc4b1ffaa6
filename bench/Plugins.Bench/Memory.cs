using System.Globalization;
using System.Runtime.InteropServices;

namespace ProcessManager.Plugins.Bench;

/// <summary>One reading of the process's memory.</summary>
/// <param name="Heap">Managed heap after a full blocking compacting GC.</param>
/// <param name="Rss">VmRSS.</param>
/// <param name="NativeInUse">glibc malloc: bytes handed out and not freed (mallinfo2 uordblks + hblkhd), every arena.</param>
/// <param name="NativeFree">glibc malloc: free bytes it keeps (fordblks), every arena.</param>
/// <param name="Threads">Threads of the process (each one's stack touched counts in RSS).</param>
internal readonly record struct MemoryReading(long Heap, long Rss, long NativeInUse, long NativeFree, int Threads)
{
    public string Describe(MemoryReading before) => string.Create(
        CultureInfo.InvariantCulture,
        $"managed heap {Memory.Mib(Heap)} MiB ({Kib(Heap - before.Heap)}), RSS {Memory.Mib(Rss)} MiB ({Kib(Rss - before.Rss)}), malloc in use {Memory.Mib(NativeInUse)} MiB ({Kib(NativeInUse - before.NativeInUse)}), malloc free {Memory.Mib(NativeFree)} MiB ({Kib(NativeFree - before.NativeFree)}), threads {Threads} ({Threads - before.Threads:+0;-0;0})");

    private static string Kib(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:+0.0;-0.0;0} KiB");
}

internal static partial class Memory
{
    public static MemoryReading Measure()
    {
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var status = File.ReadAllLines("/proc/self/status");
        var info = MallInfo2();
        return new MemoryReading(
            GC.GetTotalMemory(forceFullCollection: false),
            Field(status, "VmRSS:") * 1024,
            (long)(info.Uordblks + info.Hblkhd),
            (long)info.Fordblks,
            (int)Field(status, "Threads:"));
    }

    /// <summary>Gives free malloc memory back to the system (what an allocator keeps is not a leak).</summary>
    public static void Trim() => _ = MallocTrim(0);

    public static string Mib(long bytes) => (bytes / (1024.0 * 1024)).ToString("0.00", CultureInfo.InvariantCulture);

    private static long Field(string[] status, string name) =>
        long.Parse(status.First(l => l.StartsWith(name, StringComparison.Ordinal)).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    [LibraryImport("libc", EntryPoint = "mallinfo2")]
    private static partial MallInfo MallInfo2();

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);

    [StructLayout(LayoutKind.Sequential)]
    private struct MallInfo
    {
        public nuint Arena;
        public nuint Ordblks;
        public nuint Smblks;
        public nuint Hblks;
        public nuint Hblkhd;
        public nuint Usmblks;
        public nuint Fsmblks;
        public nuint Uordblks;
        public nuint Fordblks;
        public nuint Keepcost;
    }
}
