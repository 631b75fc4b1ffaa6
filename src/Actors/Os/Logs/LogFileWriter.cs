using System.Buffers;
using System.Diagnostics;

namespace ProcessManager.Actors.Os.Logs;

/// <summary>
/// Hands lines from the log pump to one file without ever making the pump wait: lines are packed into
/// pooled chunks, chunks queue up to a byte bound, and a thread-pool work item drains the queue to disk
/// while there is something to write. Beyond the bound, lines are dropped and counted.
/// </summary>
[DebuggerDisplay("queued {_queuedBytes} bytes, dropped {_dropped} lines")]
internal sealed class LogFileWriter : IThreadPoolWorkItem
{
    private const int ChunkSize = 64 * 1024;

    private readonly Func<ILogFile> _open;
    private readonly long _capacity;
    private readonly Lock _gate = new();

    /// <summary>Committed chunks waiting for the disk (under <see cref="_gate"/>).</summary>
    private readonly Queue<Chunk> _pending = new();

    /// <summary>The chunk the pump is filling; touched by the pump thread only.</summary>
    private byte[]? _current;
    private int _currentLength;
    private int _currentLines;

    /// <summary>Bytes in <see cref="_pending"/> (under <see cref="_gate"/>; read without it by the pump as an estimate).</summary>
    private long _queuedBytes;

    /// <summary>Totals since creation, for flush: everything committed up to <see cref="_committed"/> is on disk once <see cref="_written"/> reaches it.</summary>
    private long _committed;
    private long _written;

    /// <summary>True while a drain work item is scheduled or running (under <see cref="_gate"/>).</summary>
    private bool _draining;
    private List<(long Target, TaskCompletionSource Done)>? _flushWaiters;
    private long _dropped;
    private long _writeErrors;

    /// <summary>
    /// Lines the pump dropped (queue full) and no marker tells of yet: the pump puts the marker before the next line
    /// that fits, the drain after the last queued chunk when no line came after the gap.
    /// </summary>
    private long _unmarkedDrops;

    /// <summary>Lines lost to failed writes since the drain last wrote a marker; drain only.</summary>
    private long _unmarkedLosses;
    private ILogFile? _file;
    private bool _closed;

    internal LogFileWriter(Func<ILogFile> open, long capacity)
    {
        _open = open;
        _capacity = capacity;
    }

    internal long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Committed bytes not yet written (read without the lock: a snapshot for stats).</summary>
    internal long QueuedBytes => Interlocked.Read(ref _queuedBytes);

    internal long WriteErrors => Interlocked.Read(ref _writeErrors);

    internal Exception? LastError { get; private set; }

    /// <summary>Pump thread: appends prefix + line + '\n', or drops the line when the queue is full.</summary>
    internal void Append(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> line)
    {
        var needed = prefix.Length + line.Length + 1;
        if (Volatile.Read(ref _queuedBytes) + _currentLength + needed + MarkerRoom > _capacity)
        {
            Interlocked.Increment(ref _dropped);
            Interlocked.Increment(ref _unmarkedDrops);
            return;
        }

        if (Interlocked.Exchange(ref _unmarkedDrops, 0) is > 0 and var missed)
        {
            // The gap is marked in the file where it is, so that a reader knows lines are missing here.
            AppendRaw(prefix, QueueMarker(missed), lines: 0);
        }

        AppendRaw(prefix, line, lines: 1);
    }

    /// <summary>Room kept in the queue for one marker line.</summary>
    private const int MarkerRoom = 128;

    private static byte[] QueueMarker(long lines) => Marker(lines, "the log writer fell behind (logs.queue-capacity)");

    private static byte[] Marker(long lines, string why) =>
        System.Text.Encoding.UTF8.GetBytes($"[pbm] {lines} lines missing here: {why}");

    private void AppendRaw(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> line, int lines)
    {
        var needed = prefix.Length + line.Length + 1;
        if (_current is null || _current.Length - _currentLength < needed)
        {
            Commit();
            _current = ArrayPool<byte>.Shared.Rent(Math.Max(ChunkSize, needed));
        }
        var target = _current.AsSpan(_currentLength);
        prefix.CopyTo(target);
        line.CopyTo(target[prefix.Length..]);
        target[prefix.Length + line.Length] = (byte)'\n';
        _currentLength += needed;
        _currentLines += lines;
    }

    /// <summary>Pump thread: queues the chunk being filled and makes sure a drain is scheduled.</summary>
    internal void Commit()
    {
        if (_current is null)
        {
            return;
        }
        if (_currentLength == 0)
        {
            ArrayPool<byte>.Shared.Return(_current);
            _current = null;
            return;
        }
        var schedule = false;
        lock (_gate)
        {
            _pending.Enqueue(new Chunk(_current, _currentLength, _currentLines));
            _queuedBytes += _currentLength;
            _committed += _currentLength;
            if (!_draining)
            {
                _draining = schedule = true;
            }
        }
        _current = null;
        _currentLength = 0;
        _currentLines = 0;
        if (schedule)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    /// <summary>Completes when everything committed so far is written to the file.</summary>
    internal Task FlushAsync()
    {
        lock (_gate)
        {
            if (_written >= _committed)
            {
                return Task.CompletedTask;
            }
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            (_flushWaiters ??= []).Add((_committed, done));
            return done.Task;
        }
    }

    /// <summary>Closes the file once the queue is drained; later writes reopen it.</summary>
    internal async Task CloseAsync()
    {
        await FlushAsync().ConfigureAwait(false);
        lock (_gate)
        {
            _closed = true;
            if (!_draining)
            {
                _file?.Dispose();
                _file = null;
            }
        }
    }

    public void Execute()
    {
        while (true)
        {
            Chunk chunk;
            lock (_gate)
            {
                if (!_pending.TryDequeue(out chunk))
                {
                    _draining = false;
                    if (_closed)
                    {
                        _file?.Dispose();
                        _file = null;
                    }
                    return;
                }
            }
            try
            {
                _file ??= _open();
                if (_unmarkedLosses > 0)
                {
                    _file.Write([.. Marker(_unmarkedLosses, "writing failed (" + LastError?.Message + ")"), (byte)'\n']);
                    _unmarkedLosses = 0;
                }

                _file.Write(chunk.Buffer.AsSpan(0, chunk.Length));
                bool drained;
                lock (_gate)
                {
                    drained = _pending.Count == 0;
                }

                if (drained && Interlocked.Exchange(ref _unmarkedDrops, 0) is > 0 and var trailing)
                {
                    _file.Write([.. QueueMarker(trailing), (byte)'\n']);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Disk full or the directory vanished: these lines are lost (the file keeps no part of them); count
                // them, mark the gap once writing works again, and try a fresh file next time.
                LastError = e;
                Interlocked.Increment(ref _writeErrors);
                Interlocked.Add(ref _dropped, chunk.Lines);
                _unmarkedLosses += chunk.Lines;
                _file?.Dispose();
                _file = null;
            }
            ArrayPool<byte>.Shared.Return(chunk.Buffer);
            lock (_gate)
            {
                _queuedBytes -= chunk.Length;
                _written += chunk.Length;
                CompleteFlushWaiters();
            }
        }
    }

    private void CompleteFlushWaiters()
    {
        if (_flushWaiters is null)
        {
            return;
        }
        for (var i = _flushWaiters.Count - 1; i >= 0; i--)
        {
            if (_flushWaiters[i].Target <= _written)
            {
                _flushWaiters[i].Done.TrySetResult();
                _flushWaiters.RemoveAt(i);
            }
        }
    }

    private readonly record struct Chunk(byte[] Buffer, int Length, int Lines);
}
