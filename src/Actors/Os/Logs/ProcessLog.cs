using System.Globalization;
using System.Text;

namespace ProcessManager.Actors.Os.Logs;

/// <summary>
/// The output of one app instance (NAME-INDEX): rotating files, the last lines in memory, and live
/// followers. Outlives the program's processes: each restart appends to the same files and ring.
/// Lines arrive from the shared log pump thread; files are written on the thread pool.
/// </summary>
public sealed class ProcessLog : IAsyncDisposable
{
    private static readonly LogFollower[] NoFollowers = [];

    private readonly LogFileWriter _stdout;
    private readonly LogFileWriter _stderr;
    private readonly LogRing _ring;
    private readonly Lock _followersGate = new();

    /// <summary>Copy-on-write so the pump reads it without a lock.</summary>
    private volatile LogFollower[] _followers = NoFollowers;
    private long _lines;

    /// <summary>Pump thread only: the timestamp prefix of the current batch.</summary>
    private readonly byte[] _prefix = new byte[32];
    private int _prefixLength;
    private long _prefixTicks = -1;

    /// <param name="directory">Usually <see cref="DefaultDirectory"/> ($PBM_HOME/logs).</param>
    /// <param name="name">The app name.</param>
    /// <param name="index">The instance index.</param>
    /// <param name="settings">Null for defaults.</param>
    public ProcessLog(string directory, string name, int index, LogSettings? settings = null)
        : this(directory, name, index, settings, null)
    {
    }

    internal ProcessLog(string directory, string name, int index, LogSettings? settings, Func<string, ILogFile>? openFile)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.Contains('/', StringComparison.Ordinal) || name is "." or "..")
        {
            throw new ArgumentException($"app name '{name}' cannot be used in a log file name", nameof(name));
        }
        Settings = settings ?? new LogSettings();
        Settings.Validate();
        var baseName = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"{name}-{index}"));
        var perFileCap = Settings.Merge ? Settings.TotalCap : Settings.TotalCap / 2;
        openFile ??= path => new RotatingLogFile(path, Settings.MaxSize, Settings.Keep, perFileCap);
        if (Settings.Merge)
        {
            StdoutPath = StderrPath = baseName + ".log";
            _stdout = _stderr = new LogFileWriter(() => openFile(StdoutPath), Settings.QueueCapacity);
        }
        else
        {
            StdoutPath = baseName + ".out.log";
            StderrPath = baseName + ".err.log";
            _stdout = new LogFileWriter(() => openFile(StdoutPath), Settings.QueueCapacity);
            _stderr = new LogFileWriter(() => openFile(StderrPath), Settings.QueueCapacity);
        }
        _ring = new LogRing(Settings.RingBufferLines);
    }

    /// <summary>$PBM_HOME/logs, with PBM_HOME defaulting to ~/.pbm.</summary>
    public static string DefaultDirectory => Path.Combine(
        Environment.GetEnvironmentVariable("PBM_HOME") is { Length: > 0 } home
            ? home
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pbm"),
        "logs");

    public LogSettings Settings { get; }

    public string StdoutPath { get; }

    /// <summary>Same as <see cref="StdoutPath"/> when merged.</summary>
    public string StderrPath { get; }

    /// <summary>Lines received from the program (including dropped ones).</summary>
    public long CapturedLines => Interlocked.Read(ref _lines);

    /// <summary>Lines that did not reach the files because the disk fell behind (or a write failed).</summary>
    public long DroppedLines => _stdout.Dropped + (ReferenceEquals(_stdout, _stderr) ? 0 : _stderr.Dropped);

    /// <summary>Output waiting for the disk, in bytes (an estimate while the pump is filling a chunk).</summary>
    public long QueuedBytes => _stdout.QueuedBytes + (ReferenceEquals(_stdout, _stderr) ? 0 : _stderr.QueuedBytes);

    /// <summary>The bound of <see cref="QueuedBytes"/>: queue-capacity per file.</summary>
    public long QueueCapacityBytes => ReferenceEquals(_stdout, _stderr) ? Settings.QueueCapacity : 2 * Settings.QueueCapacity;

    /// <summary>Lines held in memory for tail, at most ring-buffer-lines.</summary>
    public int RingLines => _ring.Count;

    /// <summary>The last write error, if any (e.g. disk full).</summary>
    public Exception? LastWriteError => _stderr.LastError ?? _stdout.LastError;

    /// <summary>The last <paramref name="count"/> lines (at most ring-buffer-lines), oldest first.</summary>
    public IReadOnlyList<LogLine> Tail(int count) => _ring.Tail(count);

    /// <summary>Subscribes to lines from now on; at most <paramref name="capacity"/> lines wait for the reader.</summary>
    public LogFollower Follow(int capacity = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        var follower = new LogFollower(this, capacity);
        lock (_followersGate)
        {
            _followers = [.. _followers, follower];
        }
        return follower;
    }

    /// <summary>Completes when every line captured so far is in the files.</summary>
    public Task FlushAsync(CancellationToken cancellationToken = default) =>
        (ReferenceEquals(_stdout, _stderr)
            ? _stdout.FlushAsync()
            : Task.WhenAll(_stdout.FlushAsync(), _stderr.FlushAsync())).WaitAsync(cancellationToken);

    /// <summary>Flushes, closes the files and ends every follower. Further output (a program still running) reopens the files.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stdout.CloseAsync().ConfigureAwait(false);
        if (!ReferenceEquals(_stdout, _stderr))
        {
            await _stderr.CloseAsync().ConfigureAwait(false);
        }
        LogFollower[] followers;
        lock (_followersGate)
        {
            followers = _followers;
            _followers = NoFollowers;
        }
        foreach (var follower in followers)
        {
            follower.Complete();
        }
    }

    internal void Unsubscribe(LogFollower follower)
    {
        lock (_followersGate)
        {
            _followers = [.. _followers.Where(f => !ReferenceEquals(f, follower))];
        }
    }

    /// <summary>
    /// A line from the daemon itself into the stdout stream (files, ring and followers), such as the marker of a capture
    /// resumed after a daemon restart. Only while no pipe of this log is being pumped (the pump owns the writers then).
    /// </summary>
    internal void AppendMarker(string text)
    {
        Append(LogStreamKind.Stdout, Encoding.UTF8.GetBytes(text), DateTime.UtcNow.Ticks);
        EndBatch();
    }

    /// <summary>Pump thread: one complete line (without its newline).</summary>
    internal void Append(LogStreamKind stream, ReadOnlySpan<byte> line, long utcTicks)
    {
        _lines++;
        var prefix = ReadOnlySpan<byte>.Empty;
        if (Settings.Timestamps)
        {
            if (utcTicks != _prefixTicks)
            {
                _prefixTicks = utcTicks;
                new DateTime(utcTicks, DateTimeKind.Utc).TryFormat(_prefix, out var written, "yyyy-MM-ddTHH:mm:ss.fffZ ", CultureInfo.InvariantCulture);
                _prefixLength = written;
            }
            prefix = _prefix.AsSpan(0, _prefixLength);
        }
        (stream == LogStreamKind.Stderr ? _stderr : _stdout).Append(prefix, line);
        _ring.Add(stream, line, utcTicks);
        var followers = _followers;
        if (followers.Length > 0)
        {
            var entry = new LogLine(stream, new DateTimeOffset(utcTicks, TimeSpan.Zero), Encoding.UTF8.GetString(line));
            foreach (var follower in followers)
            {
                follower.Offer(entry);
            }
        }
    }

    /// <summary>Pump thread: the end of a read; hands the batch to the writers.</summary>
    internal void EndBatch()
    {
        Interlocked.MemoryBarrier();
        _stdout.Commit();
        if (!ReferenceEquals(_stdout, _stderr))
        {
            _stderr.Commit();
        }
    }
}
