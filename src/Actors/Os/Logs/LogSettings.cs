namespace ProcessManager.Actors.Os.Logs;

/// <summary>How a program's output is kept. Defaults in brackets.</summary>
public sealed record LogSettings
{
    /// <summary>Rotate a file when it would grow beyond this many bytes [10 MiB].</summary>
    public long MaxSize { get; init; } = 10 * 1024 * 1024;

    /// <summary>Rotated files kept per stream: NAME-INDEX.out.log.1 … .Keep [5].</summary>
    public int Keep { get; init; } = 5;

    /// <summary>Bytes all files of one process may take together, current and rotated; split evenly between stdout and stderr unless merged [100 MiB].</summary>
    public long TotalCap { get; init; } = 100 * 1024 * 1024;

    /// <summary>Prefix each line with its UTC arrival time (ISO 8601, milliseconds) [false].</summary>
    public bool Timestamps { get; init; }

    /// <summary>Write stdout and stderr into one file NAME-INDEX.log [false].</summary>
    public bool Merge { get; init; }

    /// <summary>Last lines kept in memory for tail [1000].</summary>
    public int RingBufferLines { get; init; } = 1000;

    /// <summary>Longer lines are split into pieces of this many bytes [16 KiB].</summary>
    public int MaxLineLength { get; init; } = 16 * 1024;

    /// <summary>Bytes waiting for the disk per file; beyond it lines are dropped and counted, the child never waits [8 MiB].</summary>
    public long QueueCapacity { get; init; } = 8 * 1024 * 1024;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first field that is out of range.</summary>
    public void Validate()
    {
        Require(MaxSize > 0, "max-size", MaxSize, "must be greater than 0");
        Require(Keep >= 0, "keep", Keep, "must be 0 or more");
        var files = Merge ? 1 : 2;
        Require(TotalCap >= MaxSize * files, "total-cap", TotalCap, Merge
            ? $"must be at least max-size ({MaxSize})"
            : $"must be at least twice max-size ({MaxSize}): stdout and stderr each get half");
        Require(RingBufferLines >= 0, "ring-buffer-lines", RingBufferLines, "must be 0 or more");
        Require(MaxLineLength >= 16, "max-line-length", MaxLineLength, "must be at least 16");
        Require(QueueCapacity >= MaxLineLength + 64, "queue-capacity", QueueCapacity, $"must be larger than max-line-length ({MaxLineLength}) + 64");
    }

    private static void Require(bool condition, string field, object value, string rule)
    {
        if (!condition)
        {
            throw new ArgumentException($"logs.{field} = {value}: {rule}", field);
        }
    }
}
