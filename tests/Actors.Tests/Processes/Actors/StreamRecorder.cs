using Akka;
using Akka.Actor;
using Akka.Persistence;

namespace ProcessManager.Actors.Tests.Processes.Actors;

/// <summary>Writes given events into one journal stream, as a daemon of an earlier run would have left them.</summary>
internal sealed class StreamRecorder : ReceivePersistentActor
{
    public StreamRecorder(string persistenceId)
    {
        PersistenceId = persistenceId;
        Command<Record>(record =>
        {
            var replyTo = Sender;
            PersistAll(record.Events, _ => { });
            DeferAsync(Done.Instance, done => replyTo.Tell(done));
        });
    }

    public override string PersistenceId { get; }

    public sealed record Record(IReadOnlyList<object> Events);
}
