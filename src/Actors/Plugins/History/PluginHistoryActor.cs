using Akka.Actor;
using Akka.Persistence;

namespace ProcessManager.Actors.Plugins.History;

/// <summary>
/// /user/plugin-history (persistent "plugin-history"): every finished invocation, result or failure, journaled and
/// kept newest-first up to history.size. Every history.snapshot-every entries it saves a snapshot of what it keeps and
/// deletes the events and older snapshots behind it, so the journal stays bounded too. Invocations are not held for
/// the disk (PersistAsync): the history is a record of outcomes, not an acknowledgement of a change.
/// </summary>
public sealed class PluginHistoryActor : ReceivePersistentActor
{
    public const string ActorName = "plugin-history";

    private readonly PluginHostSettings _settings;
    private readonly LinkedList<InvocationRecord> _entries = new();
    private long _sinceSnapshot;

    public PluginHistoryActor(PluginHostSettings settings)
    {
        _settings = settings;
        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is PluginHistorySnapshot snapshot)
            {
                _entries.Clear();
                foreach (var entry in snapshot.Entries)
                {
                    _entries.AddLast(entry);
                }
            }
        });
        Recover<InvocationRecord>(Add);
        // Kept in memory at once (a query right after sees it), written behind.
        Command<InvocationRecord>(record =>
        {
            Add(record);
            PersistAsync(record, _ => AfterPersist());
        });
        // Answered once what came before is written (DeferAsync): what a caller reads is durable.
        Command<GetPluginHistory>(query =>
        {
            var sender = Sender;
            DeferAsync(query, q => sender.Tell(new PluginHistory([.. _entries
                .Where(e => q.Plugin is null || e.Plugin == q.Plugin)
                .Take(Math.Max(0, q.Limit))])));
        });
        Command<SaveSnapshotSuccess>(saved =>
        {
            DeleteMessages(saved.Metadata.SequenceNr);
            DeleteSnapshots(new SnapshotSelectionCriteria(saved.Metadata.SequenceNr - 1));
        });
        Command<SaveSnapshotFailure>(_ => { });
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteMessagesFailure>(_ => { });
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(_ => { });
    }

    public override string PersistenceId => "plugin-history";

    public static Props Props(PluginHostSettings settings) => Akka.Actor.Props.Create(() => new PluginHistoryActor(settings));

    /// <summary>Entries kept now (at most history.size).</summary>
    internal int Count => _entries.Count;

    /// <summary>
    /// The snapshot holds what is kept in memory, which may include entries still being written; the events it
    /// covers are deleted only once it is saved, and an entry not yet written when the daemon dies is lost either way.
    /// </summary>
    private void AfterPersist()
    {
        if (++_sinceSnapshot >= _settings.HistorySnapshotEvery)
        {
            _sinceSnapshot = 0;
            SaveSnapshot(new PluginHistorySnapshot([.. _entries]));
        }
    }

    private void Add(InvocationRecord record)
    {
        _entries.AddFirst(record);
        while (_entries.Count > _settings.HistorySize)
        {
            _entries.RemoveLast();
        }
    }
}
