using Akka.Actor;
using ProcessManager.Actors.Processes.Events;

namespace ProcessManager.Host.Backend;

/// <summary>Keeps the count and the newest of the journal refusals published on the event stream.</summary>
internal sealed class JournalFailureListener : ReceiveActor
{
    public JournalFailureListener(Action<JournalWriteRejected> record) => Receive(record);

    /// <summary>Starts the listener; <paramref name="record"/> runs on its mailbox thread, one refusal at a time.</summary>
    public static void Start(ActorSystem system, Action<JournalWriteRejected> record)
    {
        var listener = ((ExtendedActorSystem)system).SystemActorOf(Props.Create(() => new JournalFailureListener(record)), "pbm-journal-failures");
        system.EventStream.Subscribe(listener, typeof(JournalWriteRejected));
    }
}
