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
}
