using Microsoft.Extensions.Logging;
using ProcessManager.Kernel;
using ProcessManager.Persistence.Journal;
using ProcessManager.Persistence.Retention;
using ProcessManager.Persistence.Snapshots;

namespace ProcessManager.Persistence;

/// <summary>
/// An actor whose state is rebuilt from its events. On start it recovers (latest snapshot as
/// <see cref="SnapshotOffer"/>, then the events after it, then <see cref="RecoveryCompleted"/>) while
/// commands wait in the stash. A command handler calls <see cref="Persist{TEvent}"/>: the event is
/// written, and only once it is durable does its handler run; commands arriving meanwhile wait in
/// the mailbox. If a write fails, <see cref="OnPersistFailure"/> runs and the actor stops: its parent
/// (a backoff supervisor) decides when to start it again, which recovers from the journal.
/// </summary>
/// <remarks>Subclass <see cref="ReceivePersistentActor"/> or <see cref="UntypedPersistentActor"/>.</remarks>
public abstract partial class PersistentActor : ReceiveActor, IWithStash
{
    /// <summary>Persists requested by the handler now running, in call order.</summary>
    private readonly List<PendingPersist> _pending = [];

    /// <summary>PersistAsync writes in flight, oldest first; their handlers run in this order.</summary>
    private readonly Queue<AsyncWrite> _asyncWrites = new();

    /// <summary>Identifies this incarnation's writes in the journal.</summary>
    private readonly string _writerUuid = Guid.NewGuid().ToString("N");

    /// <summary>True from construction until recovery completed (or failed).</summary>
    private bool _recovering = true;

    /// <summary>True while a command (or persist) handler runs: Persist is allowed.</summary>
    private bool _inCommand;

    /// <summary>Sequence nr of the last snapshot requested (not necessarily saved yet).</summary>
    private long _lastSnapshotRequested;

    /// <summary>Task of a running async command handler, handed over by <see cref="ReceivePersistentActor"/>.</summary>
    private Task? _commandTask;

    private IPersistenceStore? _store;

    protected PersistentActor()
    {
        ReceiveAnyAsync(OnMessageAsync);
        // Sent from the constructor, not PreStart, so an override that forgets base.PreStart cannot skip
        // recovery; anything queued before it is stashed until recovery completed.
        Self.Tell(StartRecovery.Instance, ActorRefs.NoSender);
    }

    /// <summary>Injected by the kernel; usable by subclasses once recovery completed.</summary>
    public IStash Stash { get; set; } = null!;

    /// <summary>Identifies the event stream; stable across restarts and daemon restarts (e.g. <c>process/web-0</c>).</summary>
    public abstract string PersistenceId { get; }

    /// <summary>Sequence nr of the last event persisted or replayed (the highest in the journal after recovery).</summary>
    public long LastSequenceNr { get; private set; }

    /// <summary>Sequence nr of the snapshot recovery started from (0 if none), then of the last saved one.</summary>
    public long SnapshotSequenceNr { get; private set; }

    /// <summary>True until <see cref="RecoveryCompleted"/> was delivered.</summary>
    public bool IsRecovering => _recovering;

    /// <summary>What to recover; default: latest snapshot and all events after it.</summary>
    protected virtual Recovery Recovery => Recovery.Default;

    /// <summary>The store registered with <see cref="PersistenceExtension.UsePersistence"/>.</summary>
    protected IPersistenceStore Store => _store ??= Context.System.PersistenceStore();

    /// <summary>Retention settings of the store (<c>pbm.persistence.retention</c>).</summary>
    protected RetentionSettings Retention => Store.Settings.Retention;

    /// <summary>True when <c>retention.snapshot-every</c> events were persisted since the last snapshot.</summary>
    protected bool IsSnapshotDue => RetentionPolicy.IsSnapshotDue(LastSequenceNr, Math.Max(_lastSnapshotRequested, SnapshotSequenceNr), Retention);

    /// <summary>After each saved snapshot, delete events beyond the retention bound and older snapshots. Default true.</summary>
    protected virtual bool ApplyRetentionAfterSnapshot => true;

    /// <summary>Tags stored with <paramref name="evt"/> for tag queries; none by default.</summary>
    protected virtual IReadOnlyList<string> TagsFor(object evt) => [];

    /// <summary>Applies a replayed event, a <see cref="SnapshotOffer"/> or <see cref="RecoveryCompleted"/>; false if unhandled.</summary>
    protected abstract bool ReceiveRecover(object message);

    /// <summary>Handles a command; false if unhandled.</summary>
    protected abstract bool ReceiveCommand(object message);

    /// <summary>
    /// Persists <paramref name="event"/>; <paramref name="handler"/> runs once it is durable, before any
    /// later command. Call from a command handler (or a persist handler).
    /// </summary>
    public void Persist<TEvent>(TEvent @event, Action<TEvent> handler)
        where TEvent : notnull => Enqueue(@event, handler, isAsync: false);

    /// <summary>Persists the events in one atomic write; <paramref name="handler"/> runs for each, in order.</summary>
    public void PersistAll<TEvent>(IEnumerable<TEvent> events, Action<TEvent> handler)
        where TEvent : notnull
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var e in events)
        {
            Enqueue(e, handler, isAsync: false);
        }
    }

    /// <summary>
    /// Like <see cref="Persist{TEvent}"/> but commands keep flowing while the write is in flight; handlers
    /// still run in persist order. <see cref="ActorBase.Sender"/> in the handler is not the command's sender:
    /// capture it in the closure.
    /// </summary>
    public void PersistAsync<TEvent>(TEvent @event, Action<TEvent> handler)
        where TEvent : notnull => Enqueue(@event, handler, isAsync: true);

    /// <summary>Like <see cref="PersistAll{TEvent}"/> without holding commands back.</summary>
    public void PersistAllAsync<TEvent>(IEnumerable<TEvent> events, Action<TEvent> handler)
        where TEvent : notnull
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var e in events)
        {
            Enqueue(e, handler, isAsync: true);
        }
    }

    /// <summary>Saves <paramref name="snapshot"/> as the state at <see cref="LastSequenceNr"/>; replies <see cref="SaveSnapshotSuccess"/> or <see cref="SaveSnapshotFailure"/>.</summary>
    public void SaveSnapshot(object snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var metadata = new SnapshotMetadata(PersistenceId, LastSequenceNr, Context.System.TimeProvider.GetUtcNow());
        _lastSnapshotRequested = metadata.SequenceNr;
        var store = Store;
        var retention = ApplyRetentionAfterSnapshot ? Retention : null;
        var logger = Log;
        // Serialized here, on the actor thread, so later changes to a mutable state object cannot race it.
        var write = store.SaveSnapshotAsync(metadata, snapshot);
        _ = ReplyWhenDoneAsync(
            write,
            Self,
            () => new SaveSnapshotSuccess(metadata),
            e => new SaveSnapshotFailure(metadata, e),
            retention is null ? null : () => ApplyRetentionAsync(store, metadata, retention, logger));
    }

    /// <summary>Deletes events up to <paramref name="toSequenceNr"/>; replies <see cref="DeleteMessagesSuccess"/> or <see cref="DeleteMessagesFailure"/>.</summary>
    public void DeleteMessages(long toSequenceNr) =>
        _ = ReplyWhenDoneAsync(
            Store.DeleteEventsToAsync(PersistenceId, toSequenceNr),
            Self,
            () => new DeleteMessagesSuccess(toSequenceNr),
            e => new DeleteMessagesFailure(toSequenceNr, e),
            null);

    /// <summary>Deletes this actor's snapshots matching <paramref name="criteria"/>; replies <see cref="DeleteSnapshotsSuccess"/> or <see cref="DeleteSnapshotsFailure"/>.</summary>
    public void DeleteSnapshots(SnapshotSelectionCriteria criteria) =>
        _ = ReplyWhenDoneAsync(
            Store.DeleteSnapshotsAsync(PersistenceId, criteria),
            Self,
            () => new DeleteSnapshotsSuccess(criteria),
            e => new DeleteSnapshotsFailure(criteria, e),
            null);

    /// <summary>A write failed; the actor stops after this returns. Default: log the error.</summary>
    protected virtual void OnPersistFailure(Exception cause, object evt, long sequenceNr) =>
        LogPersistFailure(Log, cause, PersistenceId, sequenceNr, evt.GetType().Name);

    /// <summary>Recovery failed (store error or a throwing recovery handler); the actor stops after this returns. Default: log.</summary>
    protected virtual void OnRecoveryFailure(Exception cause, object? evt) =>
        LogRecoveryFailure(Log, cause, PersistenceId, evt?.GetType().Name ?? "(none)");

    /// <summary>Lets <see cref="ReceivePersistentActor"/> hand over an async command handler's task.</summary>
    private protected void SetCommandTask(Task task) => _commandTask = task;

    private void Enqueue<TEvent>(TEvent @event, Action<TEvent> handler, bool isAsync)
        where TEvent : notnull
    {
        ArgumentNullException.ThrowIfNull(@event);
        ArgumentNullException.ThrowIfNull(handler);
        if (!_inCommand)
        {
            throw new InvalidOperationException(
                $"'{PersistenceId}': Persist is only allowed while handling a command (not during recovery or from another thread)");
        }

        _pending.Add(new PendingPersist(@event, ++LastSequenceNr, e => handler((TEvent)e), isAsync));
    }

    private Task OnMessageAsync(object message)
    {
        switch (message)
        {
            case StartRecovery:
                return RecoverAsync();
            case AsyncWriteCompleted:
                // Handlers may persist again: write that before the next command, as after Persist.
                return RunCompletedAsyncHandlers() && _pending.Count > 0 ? FlushPendingAsync() : Task.CompletedTask;
            case SaveSnapshotSuccess saved when saved.Metadata.PersistenceId == PersistenceId:
                SnapshotSequenceNr = Math.Max(SnapshotSequenceNr, saved.Metadata.SequenceNr);
                break;
        }

        if (_recovering)
        {
            Stash.Stash();
            return Task.CompletedTask;
        }

        _inCommand = true;
        try
        {
            if (!ReceiveCommand(message))
            {
                Unhandled(message);
            }
        }
        finally
        {
            _inCommand = _commandTask is not null;
        }

        if (_commandTask is { } commandTask)
        {
            _commandTask = null;
            return AfterAsyncCommandAsync(commandTask);
        }

        return _pending.Count == 0 ? Task.CompletedTask : FlushPendingAsync();
    }

    private async Task AfterAsyncCommandAsync(Task commandTask)
    {
        try
        {
            await commandTask.ConfigureAwait(true);
        }
        finally
        {
            _inCommand = false;
        }

        if (_pending.Count > 0)
        {
            await FlushPendingAsync().ConfigureAwait(true);
        }
    }

    /// <summary>Writes what the handler persisted; loops because persist handlers may persist again.</summary>
    private async Task FlushPendingAsync()
    {
        while (_pending.Count > 0)
        {
            var batch = _pending.ToArray();
            _pending.Clear();
            var events = Array.ConvertAll(batch, p => new PersistentEvent(PersistenceId, p.SequenceNr, p.Event)
            {
                Tags = TagsFor(p.Event),
                WriterUuid = _writerUuid,
            });

            Task write;
            try
            {
                write = Store.WriteAsync(events);
            }
            catch (Exception e)
            {
                FailPersist(e, batch[0]);
                return;
            }

            if (Array.TrueForAll(batch, p => p.IsAsync))
            {
                _asyncWrites.Enqueue(new AsyncWrite(write, batch));
                _ = write.PipeTo(Self, ActorRefs.NoSender, static () => AsyncWriteCompleted.Instance, static _ => AsyncWriteCompleted.Instance);
                return;
            }

            try
            {
                await write.ConfigureAwait(true);
            }
            catch (Exception e)
            {
                FailPersist(e, batch[0]);
                return;
            }

            // Earlier PersistAsync writes were queued first, so they are done: their handlers go first.
            if (!RunCompletedAsyncHandlers())
            {
                return;
            }

            RunHandlers(batch);
        }
    }

    /// <summary>Runs handlers of finished PersistAsync writes in order; false if one failed (the actor stops).</summary>
    private bool RunCompletedAsyncHandlers()
    {
        while (_asyncWrites.TryPeek(out var head) && head.Write.IsCompleted)
        {
            _asyncWrites.Dequeue();
            if (!head.Write.IsCompletedSuccessfully)
            {
                FailPersist(head.Write.Exception?.InnerException ?? new TaskCanceledException(head.Write), head.Batch[0]);
                return false;
            }

            RunHandlers(head.Batch);
        }

        return true;
    }

    private void RunHandlers(PendingPersist[] batch)
    {
        var wasInCommand = _inCommand;
        _inCommand = true;
        try
        {
            foreach (var persist in batch)
            {
                persist.Handler(persist.Event);
            }
        }
        finally
        {
            _inCommand = wasInCommand;
        }
    }

    private void FailPersist(Exception cause, PendingPersist first)
    {
        _pending.Clear();
        _asyncWrites.Clear();
        try
        {
            OnPersistFailure(cause, first.Event, first.SequenceNr);
        }
        finally
        {
            Context.Stop(Self);
        }
    }

    private async Task RecoverAsync()
    {
        object? current = null;
        Task<long>? highest = null;
        try
        {
            var recovery = Recovery;
            // Read alongside the snapshot: recovery then costs two sequential round trips, not three.
            highest = Store.ReadHighestSequenceNrAsync(PersistenceId);
            var snapshot = recovery.FromSnapshot.MaxSequenceNr > 0
                ? await Store.LoadSnapshotAsync(PersistenceId, recovery.FromSnapshot).ConfigureAwait(true)
                : null;
            if (snapshot is not null)
            {
                current = snapshot.Snapshot;
                LastSequenceNr = SnapshotSequenceNr = snapshot.Metadata.SequenceNr;
                Recover(new SnapshotOffer(snapshot.Metadata, snapshot.Snapshot));
            }

            if (recovery.ReplayMax > 0 && recovery.ToSequenceNr > LastSequenceNr)
            {
                await foreach (var e in Store.ReadEventsAsync(PersistenceId, LastSequenceNr + 1, recovery.ToSequenceNr, recovery.ReplayMax).ConfigureAwait(true))
                {
                    current = e.Payload;
                    LastSequenceNr = e.SequenceNr;
                    Recover(e.Payload);
                }
            }

            current = null;
            // Continue numbering after everything ever written, even events deleted or not replayed.
            LastSequenceNr = Math.Max(LastSequenceNr, await highest.ConfigureAwait(true));
            _recovering = false;
            ReceiveRecover(RecoveryCompleted.Instance);
        }
        catch (Exception e)
        {
            // Observe a failure of the parallel read too, so it is not reported as unobserved.
            _ = highest?.ContinueWith(static t => t.Exception, TaskScheduler.Default);
            _recovering = false;
            try
            {
                OnRecoveryFailure(e, current);
            }
            finally
            {
                Context.Stop(Self);
            }

            return;
        }

        Stash.UnstashAll();
    }

    private void Recover(object message)
    {
        if (!ReceiveRecover(message))
        {
            Unhandled(message);
        }
    }

    private static async Task ReplyWhenDoneAsync(
        Task operation, IActorRef self, Func<object> success, Func<Exception, object> failure, Func<Task>? after)
    {
        try
        {
            await operation.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            self.Tell(failure(e), ActorRefs.NoSender);
            return;
        }

        self.Tell(success(), ActorRefs.NoSender);
        if (after is not null)
        {
            await after().ConfigureAwait(false);
        }
    }

    private static async Task ApplyRetentionAsync(IPersistenceStore store, SnapshotMetadata metadata, RetentionSettings retention, ILogger logger)
    {
        try
        {
            await RetentionPolicy.ApplyAfterSnapshotAsync(store, metadata.PersistenceId, metadata.SequenceNr, retention).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // The snapshot is saved; the journal is only longer than the bound until the next snapshot.
            LogRetentionFailure(logger, e, metadata.PersistenceId, metadata.SequenceNr);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "'{PersistenceId}': persisting event #{SequenceNr} ({EventType}) failed; stopping")]
    private static partial void LogPersistFailure(ILogger logger, Exception cause, string persistenceId, long sequenceNr, string eventType);

    [LoggerMessage(Level = LogLevel.Error, Message = "'{PersistenceId}': recovery failed at {EventType}; stopping")]
    private static partial void LogRecoveryFailure(ILogger logger, Exception cause, string persistenceId, string eventType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "'{PersistenceId}': retention after the snapshot at #{SequenceNr} failed")]
    private static partial void LogRetentionFailure(ILogger logger, Exception cause, string persistenceId, long sequenceNr);

    private sealed record PendingPersist(object Event, long SequenceNr, Action<object> Handler, bool IsAsync);

    private sealed record AsyncWrite(Task Write, PendingPersist[] Batch);

    private sealed class StartRecovery
    {
        public static StartRecovery Instance { get; } = new();
    }

    private sealed class AsyncWriteCompleted
    {
        public static AsyncWriteCompleted Instance { get; } = new();
    }
}
