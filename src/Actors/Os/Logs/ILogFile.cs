namespace ProcessManager.Actors.Os.Logs;

/// <summary>The file end of a log writer; a seam so tests can put a slow disk behind it.</summary>
internal interface ILogFile : IDisposable
{
    /// <summary>Appends whole lines (the data ends with a newline).</summary>
    void Write(ReadOnlySpan<byte> data);
}
