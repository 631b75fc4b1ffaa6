using Akka.Actor;
using Akka.Persistence;
using Akka.Persistence.Journal;

namespace ProcessManager.Persistence.Tests.Support;

/// <summary>
/// A persistent counter: <see cref="Increment"/> persists one event and replies with the new state;
/// <see cref="TakeSnapshot"/> saves the state; <see cref="GetState"/> replies with it. It tells the probe
/// given at creation when its recovery completed (with the state it recovered).
/// </summary>
public sealed class CounterActor : ReceivePersistentActor
{
    /// <summary>The state after every event so far.</summary>
    private CounterState _state = new(0, 0);

    /// <summary>Who asked for the snapshot in flight.</summary>
    private IActorRef? _snapshotReplyTo;

    public CounterActor(string persistenceId, IActorRef recoveryProbe, string? tag = null)
    {
        PersistenceId = persistenceId;
        Recover<SnapshotOffer>(offer => _state = (CounterState)offer.Snapshot);
        Recover<Incremented>(Apply);
        Recover<RecoveryCompleted>(_ => recoveryProbe.Tell(new Recovered(persistenceId, _state, LastSequenceNr)));
        Command<Increment>(increment =>
        {
            var sender = Sender;
            object evt = tag is null ? new Incremented(increment.By) : new Tagged(new Incremented(increment.By), [tag]);
            Persist(evt, _ =>
            {
                Apply(new Incremented(increment.By));
                sender.Tell(_state);
            });
        });
        Command<TakeSnapshot>(_ =>
        {
            _snapshotReplyTo = Sender;
            SaveSnapshot(_state);
        });
        Command<SaveSnapshotSuccess>(success => _snapshotReplyTo?.Tell(success));
        Command<SaveSnapshotFailure>(failure => _snapshotReplyTo?.Tell(failure));
        Command<GetState>(_ => Sender.Tell(_state));
    }

    public override string PersistenceId { get; }

    public static Props Props(string persistenceId, IActorRef recoveryProbe, string? tag = null) =>
        Akka.Actor.Props.Create(() => new CounterActor(persistenceId, recoveryProbe, tag));

    private void Apply(Incremented e) => _state = new CounterState(_state.Value + e.By, _state.Events + 1);

    public sealed record Increment(int By);

    public sealed record TakeSnapshot;

    public sealed record GetState;

    public sealed record Recovered(string PersistenceId, CounterState State, long LastSequenceNr);
}
