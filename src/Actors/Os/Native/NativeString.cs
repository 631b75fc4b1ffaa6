using System.Runtime.InteropServices;
using System.Text;

namespace ProcessManager.Actors.Os.Native;

internal static unsafe class NativeString
{
    internal static byte[] ToUtf8Z(string text)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(text) + 1];
        Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }

    /// <summary>
    /// One native block holding a NULL-terminated pointer array followed by the NUL-terminated UTF-8
    /// strings it points to (the argv/envp shape). Free with <see cref="NativeMemory.Free"/>.
    /// </summary>
    internal static byte** AllocArray(IReadOnlyList<string> items)
    {
        var pointerBytes = (items.Count + 1) * sizeof(byte*);
        var total = pointerBytes;
        foreach (var item in items)
        {
            if (item.Contains('\0', StringComparison.Ordinal))
            {
                throw new ArgumentException($"argument or environment entry contains a NUL character: '{item.Replace('\0', '?')}'", nameof(items));
            }
            total += Encoding.UTF8.GetByteCount(item) + 1;
        }
        var block = (byte*)NativeMemory.Alloc((nuint)total);
        var pointers = (byte**)block;
        var cursor = block + pointerBytes;
        var end = block + total;
        for (var i = 0; i < items.Count; i++)
        {
            pointers[i] = cursor;
            var written = Encoding.UTF8.GetBytes(items[i], new Span<byte>(cursor, (int)(end - cursor)));
            cursor[written] = 0;
            cursor += written + 1;
        }
        pointers[items.Count] = null;
        return pointers;
    }
}
