using ProcessManager.Kernel;

namespace ProcessManager.Persistence.Tests.Actors;

public sealed record Increment(int By);

public sealed record IncrementAsync(int By);

public sealed record IncrementTwiceAtomically(int By);

public sealed record IncrementAfterLookup(int By);

public sealed record GetState;

public sealed record TakeSnapshot;

public sealed record DeleteUpTo(long ToSequenceNr);

public sealed record CounterView(int Value, long LastSequenceNr);

public sealed record Persisted(int Value, long SequenceNr);

public sealed record Replayed(int By, long SequenceNr);

public sealed record SnapshotOffered(int Value, long SequenceNr);

public sealed record RecoveryDone(int Value, long LastSequenceNr);

public sealed record PersistFailed(long SequenceNr, string Cause);

public sealed record RecoveryFailed(string Cause);

/// <summary>The test's persistent actor: reports every step of its life to <c>probe</c>.</summary>
public sealed class CounterActor : ReceivePersistentActor
{
    private readonly string _persistenceId;
    private readonly IActorRef _probe;
    private int _value;

    public CounterActor(string persistenceId, IActorRef probe)
    {
        _persistenceId = persistenceId;
        _probe = probe;

        Recover<SnapshotOffer>(offer =>
        {
            _value = ((CounterState)offer.Snapshot).Value;
            _probe.Tell(new SnapshotOffered(_value, offer.Metadata.SequenceNr));
        });
        Recover<Incremented>(e =>
        {
            _value += e.By;
            _probe.Tell(new Replayed(e.By, LastSequenceNr));
        });
        Recover<RecoveryCompleted>(_ => _probe.Tell(new RecoveryDone(_value, LastSequenceNr)));

        Command<Increment>(c => Persist(new Incremented(c.By), e =>
        {
            _value += e.By;
            Sender.Tell(new Persisted(_value, LastSequenceNr));
        }));
        Command<IncrementTwiceAtomically>(c => PersistAll([new Incremented(c.By), new Incremented(c.By)], e =>
        {
            _value += e.By;
            Sender.Tell(new Persisted(_value, LastSequenceNr));
        }));
        Command<IncrementAsync>(c =>
        {
            var sender = Sender;
            PersistAsync(new Incremented(c.By), e =>
            {
                _value += e.By;
                sender.Tell(new Persisted(_value, LastSequenceNr));
            });
        });
        CommandAsync<IncrementAfterLookup>(async c =>
        {
            var by = await Task.Run(() => c.By * 100); // an async lookup off the actor thread
            Persist(new Incremented(by), e =>
            {
                _value += e.By;
                Sender.Tell(new Persisted(_value, LastSequenceNr));
            });
        });
        Command<GetState>(_ => Sender.Tell(new CounterView(_value, LastSequenceNr)));
        Command<TakeSnapshot>(_ => SaveSnapshot(new CounterState(_value, [])));
        Command<DeleteUpTo>(d => DeleteMessages(d.ToSequenceNr));
        Command<SaveSnapshotSuccess>(s => _probe.Tell(s));
        Command<SaveSnapshotFailure>(s => _probe.Tell(s));
        Command<DeleteMessagesSuccess>(s => _probe.Tell(s));
        Command<DeleteMessagesFailure>(s => _probe.Tell(s));
    }

    public override string PersistenceId => _persistenceId;

    protected override IReadOnlyList<string> TagsFor(object evt) => ["counter"];

    protected override void OnPersistFailure(Exception cause, object evt, long sequenceNr) =>
        _probe.Tell(new PersistFailed(sequenceNr, cause.Message));

    protected override void OnRecoveryFailure(Exception cause, object? evt) =>
        _probe.Tell(new RecoveryFailed(cause.Message));
}
