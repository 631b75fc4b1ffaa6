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

    /// <summary>
    /// Makes the file private (0600, in a 0700 folder when pbm creates it): typed commands can hold secrets given
    /// as --env values. An existing file with a wider mode is narrowed.
    /// </summary>
    public void Secure()
    {
        try
        {
            var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!;
            if (!Directory.Exists(folder))
            {
                Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            if (!File.Exists(Path))
            {
                using var created = new FileStream(Path, new FileStreamOptions
                {
                    Mode = FileMode.CreateNew,
                    Access = FileAccess.Write,
                    UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
                });
            }
            else
            {
                File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // History is a convenience: a read-only home must not break the console.
        }
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
            Secure();
            File.AppendAllText(Path, line + "\n");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // History is a convenience: a read-only home must not break the console.
        }
    }
}
