using System.Threading.Channels;

namespace ProcessManager.Actors.Processes.Journal;

/// <summary>
/// Lets an actor record events without awaiting on its mailbox: appends are queued and written one
/// after the other (so each persistence id keeps its order). Bounded: when the journal cannot keep up
/// the actor's Record waits are not possible, so overflow is counted and reported instead.
/// </summary>
internal sealed class JournalWriter
{
    private readonly IProcessJournal _journal;
    private readonly Channel<(string Id, ProcessEvent Event)> _queue;
    private long _dropped;
    private long _failed;

    public JournalWriter(IProcessJournal journal, int capacity = 10_000)
    {
        _journal = journal;
        Capacity = capacity;
        _queue = Channel.CreateBounded<(string, ProcessEvent)>(
            new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite },
            _ => Interlocked.Increment(ref _dropped));
        Completion = Task.Run(DrainAsync);
    }

    public IProcessJournal Journal => _journal;

    /// <summary>The bound of the write queue.</summary>
    public int Capacity { get; }

    /// <summary>Events waiting to be written now.</summary>
    public int Queued => _queue.Reader.Count;

    /// <summary>Events not recorded because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Events the journal refused.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    public Exception? LastError { get; private set; }

    public Task Completion { get; }

    public void Record(string persistenceId, ProcessEvent @event) => _queue.Writer.TryWrite((persistenceId, @event));

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
        await foreach (var (id, @event) in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (@event is FlushMarker marker)
            {
                marker.Done.TrySetResult();
                continue;
            }

            try
            {
                await _journal.AppendAsync(id, @event).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The writer must outlive a failing journal; the failure is counted and kept for status.
            catch (Exception error)
#pragma warning restore CA1031
            {
                LastError = error;
                Interlocked.Increment(ref _failed);
            }
        }
    }

    private sealed record FlushMarker(TaskCompletionSource Done) : ProcessEvent
    {
        public override string Name => "flush";

        public override string Describe() => "flush";
    }
}
