using Akka.Actor;
using Akka.Persistence;

namespace ProcessManager.Persistence.CrashWriter;

/// <summary>Persists <see cref="CrashEvent"/>s one after another, forever, printing each acknowledged one.</summary>
public sealed class CrashWriterActor : ReceivePersistentActor
{
    public CrashWriterActor(string persistenceId, TextWriter output)
    {
        PersistenceId = persistenceId;
        Recover<CrashEvent>(_ => { });
        Recover<RecoveryCompleted>(_ => Self.Tell(PersistNext.Instance));
        Command<PersistNext>(_ => Persist(CrashEvent.Create(PersistenceId, LastSequenceNr + 1), persisted =>
        {
            output.WriteLine($"{persisted.PersistenceId} {persisted.SequenceNr}");
            output.Flush();
            Self.Tell(PersistNext.Instance);
        }));
    }

    public override string PersistenceId { get; }

    /// <summary>Persist the next event.</summary>
    public sealed record PersistNext
    {
        public static PersistNext Instance { get; } = new();
    }
}
