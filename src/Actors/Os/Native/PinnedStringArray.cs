using System.Runtime.CompilerServices;
using System.Text;

namespace ProcessManager.Actors.Os.Native;

/// <summary>
/// A NULL-terminated array of pointers to NUL-terminated UTF-8 strings (the argv/envp shape) in
/// arrays on the pinned object heap: built once, handed to any number of posix_spawn calls, freed by
/// the GC when no longer referenced (no native block for a racing Dispose to free under a spawn).
/// </summary>
internal sealed unsafe class PinnedStringArray
{
    private readonly byte[] _bytes;
    private readonly nint[] _pointers;

    public PinnedStringArray(IReadOnlyList<string> items)
    {
        var total = 0;
        foreach (var item in items)
        {
            if (item.Contains('\0', StringComparison.Ordinal))
            {
                throw new ArgumentException($"argument or environment entry contains a NUL character: '{item.Replace('\0', '?')}'", nameof(items));
            }

            total += Encoding.UTF8.GetByteCount(item) + 1;
        }

        _bytes = GC.AllocateUninitializedArray<byte>(Math.Max(1, total), pinned: true);
        _pointers = GC.AllocateArray<nint>(items.Count + 1, pinned: true);
        var start = (nint)Unsafe.AsPointer(ref _bytes[0]);
        var offset = 0;
        for (var i = 0; i < items.Count; i++)
        {
            _pointers[i] = start + offset;
            offset += Encoding.UTF8.GetBytes(items[i], _bytes.AsSpan(offset));
            _bytes[offset++] = 0;
        }

        Count = items.Count;
    }

    public int Count { get; }

    /// <summary>Valid as long as this object is reachable.</summary>
    public byte** Pointer => (byte**)Unsafe.AsPointer(ref _pointers[0]);
}
