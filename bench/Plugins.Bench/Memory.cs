using System.Globalization;

namespace ProcessManager.Plugins.Bench;

internal static class Memory
{
    /// <summary>The managed heap after a full blocking compacting GC, and VmRSS from /proc/self/status, in bytes.</summary>
    public static (long Heap, long Rss) Measure()
    {
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var rss = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        var kib = long.Parse(rss.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return (GC.GetTotalMemory(forceFullCollection: false), kib * 1024);
    }

    public static string Mib(long bytes) => (bytes / (1024.0 * 1024)).ToString("0.00", CultureInfo.InvariantCulture);
}
