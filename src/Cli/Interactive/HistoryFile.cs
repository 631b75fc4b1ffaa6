namespace ProcessManager.Cli.Interactive;

/// <summary>The console's history across sessions: the last <see cref="Capacity"/> lines of a file, appended per command.</summary>
internal sealed class HistoryFile
{
    /// <summary>Creates the history for <paramref name="path"/>.</summary>
    public HistoryFile(string path, int capacity = 500)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Path = path;
        Capacity = capacity;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>Most lines kept.</summary>
    public int Capacity { get; }

    /// <summary>The kept lines, oldest first; trims the file when it has grown past twice the capacity.</summary>
    public IReadOnlyList<string> Load()
    {
        if (!File.Exists(Path))
        {
            return [];
        }

        var lines = File.ReadAllLines(Path).Where(l => l.Length > 0).ToList();
        if (lines.Count > Capacity)
        {
            lines = lines.GetRange(lines.Count - Capacity, Capacity);
            File.WriteAllLines(Path, lines);
        }

        return lines;
    }

    /// <summary>Appends one command line.</summary>
    public void Append(string line)
    {
        if (string.IsNullOrWhiteSpace(line) || line.Contains('\n', StringComparison.Ordinal))
        {
            return;
        }

        try
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!);
            File.AppendAllText(Path, line + "\n");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // History is a convenience: a read-only home must not break the console.
        }
    }
}
