using System.Runtime.InteropServices;
using ProcessManager.Host.Observability;

namespace ProcessManager.Host.Tests.Observability;

public sealed class HeapTrimTests
{
    private const long After = 4 * 1024 * 1024;

    [Fact]
    public void A_burst_is_trimmed_once_at_the_first_quiet_check_and_steady_allocation_or_a_trickle_is_left_to_the_gc()
    {
        var allocated = 1_000L;
        var collections = 0;
        using var trim = new HeapTrim(TimeSpan.Zero, After, () => allocated, () => collections++);

        Assert.False(trim.Check());

        // A burst: still allocating at this check, so no trim yet; quiet at the next one, which trims.
        allocated += 3 * After;
        Assert.False(trim.Check());
        allocated += 1_000;
        Assert.True(trim.Check());
        Assert.False(trim.Check());

        // Steady allocation of more than heap-trim-after per check never looks quiet.
        for (var i = 0; i < 5; i++)
        {
            allocated += 2 * After;
            Assert.False(trim.Check());
        }

        // The steady allocation was a burst too: trimmed at the first quiet check after it.
        allocated += After / 2;
        Assert.True(trim.Check());

        // A trickle below heap-trim-after per check (an idle daemon's sampling) never trims, however much it adds up to.
        for (var i = 0; i < 20; i++)
        {
            allocated += After / 2;
            Assert.False(trim.Check());
        }

        Assert.Equal(2, collections);
        Assert.Equal(2, trim.Trims);
    }

    [Fact]
    public void The_trim_runs_a_full_collection()
    {
        var allocated = 0L;
        using var trim = new HeapTrim(TimeSpan.Zero, After, () => allocated);
        var before = GC.CollectionCount(GC.MaxGeneration);

        allocated += After;
        Assert.False(trim.Check());
        Assert.True(trim.Check());
        Assert.True(GC.CollectionCount(GC.MaxGeneration) > before);
        Assert.Equal(1, trim.Trims);
    }

    [Fact]
    public unsafe void The_native_trim_gives_freed_malloc_memory_back()
    {
        // Blocks under glibc's mmap threshold come from a heap; each has a small block kept after it, so the freed room
        // lies between live blocks, which free() never gives back by itself: it stays until malloc_trim does.
        var blocks = new void*[64];
        var keepers = new void*[64];
        for (var i = 0; i < blocks.Length; i++)
        {
            blocks[i] = NativeMemory.Alloc(64 * 1024);
            keepers[i] = NativeMemory.Alloc(64);
        }

        try
        {
            foreach (var block in blocks)
            {
                NativeMemory.Free(block);
            }

            Assert.True(HeapTrim.TrimNativeHeap());
        }
        finally
        {
            foreach (var keeper in keepers)
            {
                NativeMemory.Free(keeper);
            }
        }
    }
}
