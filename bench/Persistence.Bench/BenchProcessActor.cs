using Akka.Actor;
using Akka.Persistence;

namespace ProcessManager.Persistence.Bench;

/// <summary>A process-like persistent actor: each command persists one event; the state is a small record.</summary>
public sealed class BenchProcessActor : ReceivePersistentActor
{
    private ProcessState _state;
    private IActorRef? _snapshotReplyTo;
    private long _snapshotReplySequenceNr;

    public BenchProcessActor(string persistenceId, IActorRef recovered)
    {
        PersistenceId = persistenceId;
        _state = new ProcessState(persistenceId, 0, null);
        Recover<SnapshotOffer>(offer => _state = (ProcessState)offer.Snapshot);
        Recover<ProcessEvent>(Apply);
        Recover<RecoveryCompleted>(_ => recovered.Tell(new Recovered(PersistenceId, LastSequenceNr)));
        Command<Record>(record =>
        {
            var sender = Sender;
            Persist(record.Event, e =>
            {
                Apply(e);
                sender.Tell(new Persisted(LastSequenceNr));
            });
        });
        Command<RecordAll>(record =>
        {
            var sender = Sender;
            var remaining = record.Events.Count;
            PersistAll(record.Events, e =>
            {
                Apply(e);
                if (--remaining > 0)
                {
                    return;
                }

                if (record.SnapshotAfter)
                {
                    _snapshotReplyTo = sender;
                    _snapshotReplySequenceNr = LastSequenceNr;
                    SaveSnapshot(_state);
                }
                else
                {
                    sender.Tell(new Persisted(LastSequenceNr));
                }
            });
        });
        Command<SaveSnapshotSuccess>(_ => _snapshotReplyTo?.Tell(new Persisted(_snapshotReplySequenceNr)));
        Command<SaveSnapshotFailure>(failure => _snapshotReplyTo?.Tell(new Status.Failure(failure.Cause)));
    }

    public override string PersistenceId { get; }

    private void Apply(ProcessEvent e) =>
        _state = _state with { Restarts = _state.Restarts + (e.ExitCode is null ? 0 : 1), LastPid = e.Pid };
}
