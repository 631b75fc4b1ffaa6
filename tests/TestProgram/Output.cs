using System.Text;

namespace ProcessManager.TestProgram;

internal static class Output
{
    public static void Line(Stream stream, string text)
    {
        stream.Write(Encoding.UTF8.GetBytes(text + "\n"));
    }

    /// <summary>Lines "0000000001 xxx…\n" of exactly <paramref name="size"/> bytes, numbered from 1.</summary>
    public static void Numbered(Stream stream, int count, int size)
    {
        var line = new byte[Math.Max(size, 12)];
        line.AsSpan().Fill((byte)'x');
        line[10] = (byte)' ';
        line[^1] = (byte)'\n';
        for (var n = 1; n <= count; n++)
        {
            var value = n;
            for (var d = 9; d >= 0; d--)
            {
                line[d] = (byte)('0' + (value % 10));
                value /= 10;
            }
            stream.Write(line);
        }
    }
}
