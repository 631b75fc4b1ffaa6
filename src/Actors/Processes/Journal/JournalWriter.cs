using System.Diagnostics;
using System.Threading.Channels;

namespace ProcessManager.Actors.Processes.Journal;

/// <summary>
/// Lets actors record events without awaiting on their mailbox: appends are queued and written in
/// order, many per store write (one transaction, one fsync for a burst). Nothing recorded is ever
/// dropped. The queue is bounded by backpressure instead: once <see cref="Capacity"/> events wait,
/// <see cref="WhenRoom"/> is an incomplete task, and an actor that returns it from an async handler
/// has its mailbox suspended (by the kernel, no thread blocked) until the writer catches up. An actor
/// records a handful of events per message, so the queue stays within Capacity plus that handful per
/// recording actor. A failed write (the database busy or briefly away) is retried, with doubling delays,
/// before its events are counted as failed; recorders stay held back meanwhile.
/// </summary>
[DebuggerDisplay("pending = {Pending}, capacity = {Capacity}")]
internal sealed class JournalWriter
{
    /// <summary>At most this many events per store write.</summary>
    private const int MaxBatch = 512;

    private readonly IProcessJournal _journal;
    private readonly Channel<(string Id, ProcessEvent Event)> _queue =
        Channel.CreateUnbounded<(string, ProcessEvent)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Lock _roomGate = new();

    /// <summary>Events recorded and not yet written (queued or in the batch being written).</summary>
    private int _pending;

    /// <summary>Completed (under <see cref="_roomGate"/>) when pending drops below capacity; null when nobody waits.</summary>
    private TaskCompletionSource? _room;

    private long _failed;
    private long _retries;

    private readonly int _writeAttempts;
    private readonly TimeSpan _firstRetryDelay;

    /// <param name="writeAttempts">Tries per store write before its events count as failed (default 6).</param>
    /// <param name="firstRetryDelay">Wait before the first retry, doubled for each next one (default 50 ms: 6 tries span ~1.5 s).</param>
    public JournalWriter(IProcessJournal journal, int capacity = 10_000, int writeAttempts = 6, TimeSpan? firstRetryDelay = null)
    {
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(writeAttempts, 1);
        _journal = journal;
        Capacity = capacity;
        _writeAttempts = writeAttempts;
        _firstRetryDelay = firstRetryDelay ?? TimeSpan.FromMilliseconds(50);
        ArgumentOutOfRangeException.ThrowIfLessThan(_firstRetryDelay, TimeSpan.Zero, nameof(firstRetryDelay));
        Completion = Task.Run(DrainAsync);
    }

    public IProcessJournal Journal => _journal;

    /// <summary>Events that may wait before recorders are held back.</summary>
    public int Capacity { get; }

    /// <summary>Events recorded and not yet written.</summary>
    public int Pending => Volatile.Read(ref _pending);

    /// <summary>Events the journal refused on every try (a refused write counts all of its events), or recorded after <see cref="Complete"/>.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Store writes that failed and were tried again.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    public Exception? LastError { get; private set; }

    public Task Completion { get; }

    /// <summary>
    /// Completed while fewer than <see cref="Capacity"/> events wait; otherwise completes once the writer
    /// has caught up. Allocation-free on the fast path.
    /// </summary>
    public Task WhenRoom
    {
        get
        {
            if (Pending < Capacity)
            {
                return Task.CompletedTask;
            }

            lock (_roomGate)
            {
                _room ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var room = _room.Task;
                // The writer may have caught up between the first check and taking the gate.
                if (Pending < Capacity)
                {
                    _room.TrySetResult();
                    _room = null;
                }

                return room;
            }
        }
    }

    /// <summary>Queues the event; never drops it and never blocks. Honour <see cref="WhenRoom"/> after recording.</summary>
    public void Record(string persistenceId, ProcessEvent @event)
    {
        Interlocked.Increment(ref _pending);
        if (!_queue.Writer.TryWrite((persistenceId, @event)))
        {
            // Only after Complete (the supervisor has stopped): nothing can be written any more.
            Interlocked.Decrement(ref _pending);
            Interlocked.Increment(ref _failed);
            LastError = new InvalidOperationException($"the process journal writer is closed; {@event.Name} for {persistenceId} not recorded");
        }
    }

    /// <summary>Completes once everything recorded before the call is written.</summary>
    public Task FlushAsync()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((string.Empty, new FlushMarker(done))))
        {
            done.TrySetResult();
        }

        return done.Task;
    }

    public void Complete() => _queue.Writer.TryComplete();

    private async Task DrainAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<(string Id, ProcessEvent Event)>(MaxBatch);
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxBatch && reader.TryRead(out var item))
            {
                if (item.Event is FlushMarker marker)
                {
                    // Everything before the marker must be written before it is released.
                    await WriteAsync(batch).ConfigureAwait(false);
                    marker.Done.TrySetResult();
                    continue;
                }

                batch.Add(item);
            }

            await WriteAsync(batch).ConfigureAwait(false);
        }

        await WriteAsync(batch).ConfigureAwait(false);
    }

    private async Task WriteAsync(List<(string Id, ProcessEvent Event)> batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var delay = _firstRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // The stored journal writes a batch in one transaction: a failed write stored nothing, so trying again cannot duplicate.
                await _journal.AppendManyAsync(batch).ConfigureAwait(false);
                break;
            }
#pragma warning disable CA1031 // The writer must outlive a failing journal; the failure is counted and kept for status.
            catch (Exception error)
#pragma warning restore CA1031
            {
                LastError = error;
                if (attempt >= _writeAttempts)
                {
                    Interlocked.Add(ref _failed, batch.Count);
                    break;
                }

                Interlocked.Increment(ref _retries);
                await Task.Delay(delay).ConfigureAwait(false);
                delay *= 2;
            }
        }

        var count = batch.Count;
        batch.Clear();
        if (Interlocked.Add(ref _pending, -count) < Capacity)
        {
            lock (_roomGate)
            {
                _room?.TrySetResult();
                _room = null;
            }
        }
    }

    private sealed record FlushMarker(TaskCompletionSource Done) : ProcessEvent
    {
        public override string Name => "flush";

        public override string Describe() => "flush";
    }
}
