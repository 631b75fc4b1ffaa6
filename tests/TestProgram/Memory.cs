namespace ProcessManager.TestProgram;

internal static class Memory
{
    /// <summary>Allocates <paramref name="mb"/> MiB and writes every page so it becomes resident.</summary>
    public static byte[][] Touch(int mb)
    {
        var blocks = new byte[mb][];
        for (var i = 0; i < mb; i++)
        {
            blocks[i] = GC.AllocateUninitializedArray<byte>(1 << 20);
            for (var p = 0; p < blocks[i].Length; p += 4096)
            {
                blocks[i][p] = 1;
            }
        }
        return blocks;
    }
}
