using ProcessManager.Host.Interop;

namespace ProcessManager.Host.Observability;

/// <summary>
/// Gives the memory a burst of work left behind back to the system once the daemon is quiet again. The GC runs only
/// when allocations fill its budget, so a daemon that started 500 programs and then idles keeps their garbage
/// committed (tens of MB) for good. Every <c>heap-trim-interval</c> this checks the bytes allocated: when one interval
/// since the last trim saw more than <c>heap-trim-after</c> (a burst) and the last one less (the burst is over), it runs
/// one aggressive compacting collection, which also decommits the free regions, then hands glibc's free native memory
/// back (malloc_trim). A daemon that keeps allocating is left to the GC's own pace, and so is a trickle: the idle
/// daemon's few hundred KB a minute had added up to a full collection every few minutes.
/// </summary>
internal sealed class HeapTrim : IDisposable
{
    private readonly long _after;
    private readonly Func<long> _allocated;
    private readonly Action _collect;
    private readonly Timer? _timer;

    /// <summary>Allocated bytes at the previous check, and whether an interval since the last trim was a burst; a check runs alone (<see cref="_checking"/>).</summary>
    private long _atCheck;
    private bool _burst;
    private int _checking;
    private int _trims;

    /// <param name="interval">Zero: never checks by itself (<see cref="Check"/> still works).</param>
    /// <param name="after">Bytes, as <c>heap-trim-after</c>.</param>
    /// <param name="allocated">The process's allocated bytes so far (a seam for tests); GC.GetTotalAllocatedBytes.</param>
    /// <param name="collect">The collection (a seam for tests).</param>
    public HeapTrim(TimeSpan interval, long after, Func<long>? allocated = null, Action? collect = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(after);
        _after = after;
        _allocated = allocated ?? (static () => GC.GetTotalAllocatedBytes());
        _collect = collect ?? Collect;
        _atCheck = _allocated();
        if (interval > TimeSpan.Zero)
        {
            _timer = new Timer(static state => ((HeapTrim)state!).Check(), this, interval, interval);
        }
    }

    /// <summary>Collections run so far.</summary>
    public int Trims => Volatile.Read(ref _trims);

    /// <summary>One check; true when it trimmed.</summary>
    public bool Check()
    {
        if (Interlocked.Exchange(ref _checking, 1) == 1)
        {
            return false;
        }

        try
        {
            var now = _allocated();
            var quiet = now - _atCheck < _after;
            _atCheck = now;
            if (!quiet)
            {
                _burst = true;
                return false;
            }

            if (!_burst)
            {
                return false;
            }

            _collect();
            _burst = false;
            _atCheck = _allocated();
            Interlocked.Increment(ref _trims);
            return true;
        }
        finally
        {
            Volatile.Write(ref _checking, 0);
        }
    }

    public void Dispose() => _timer?.Dispose();

    /// <summary>
    /// The collection, then glibc's malloc_trim: glibc keeps freed native memory (the runtime's own and SQLite's) in its
    /// heaps, and what the start-up left free in the main heap (about 5 MB) stayed resident for good.
    /// </summary>
    private static void Collect()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        TrimNativeHeap();
    }

    /// <summary>malloc_trim(0); false when nothing was given back or the C library has none (musl).</summary>
    internal static bool TrimNativeHeap()
    {
        try
        {
            return Libc.MallocTrim(0) == 1;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }
}
