using Microsoft.Extensions.Logging;

namespace ProcessManager.Kernel;

/// <summary>Receives undeliverable messages: publishes <see cref="DeadLetter"/> and logs the first
/// <see cref="ActorSystemSettings.DeadLetterLogLimit"/> of them.</summary>
internal sealed class DeadLetterActorRef(ActorSystem system, ActorPath path) : IInternalActorRef
{
    private int _logged;

    public ActorPath Path { get; } = path;

    public bool IsTerminated => false;

    public void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message is DeadLetter letter)
        {
            Publish(letter);
            return;
        }

        Deliver(message, ReferenceEquals(sender, ActorRefs.NoSender) ? null : sender, this);
    }

    public void Deliver(object message, IActorRef? sender, IActorRef recipient) => Publish(new DeadLetter(message, sender, recipient));

    private void Publish(DeadLetter letter)
    {
        var limit = system.Settings.DeadLetterLogLimit;
        if (limit != 0 && (limit < 0 || Interlocked.Increment(ref _logged) <= limit))
        {
            system.Log(LogLevel.Information, null, Path.ToString(), typeof(DeadLetterActorRef),
                $"Message {letter.Message.GetType().Name} from {letter.Sender?.Path.ToString() ?? "no sender"} to {letter.Recipient.Path} was not delivered (dead letter).");
        }

        system.EventStream.Publish(letter);
    }

    public void SendSystemMessage(SystemMessage message)
    {
        if (message is Watch watch)
        {
            watch.Watcher.SendSystemMessage(new DeathWatchNotification(watch.Watchee));
        }
    }

    public override string ToString() => $"DeadLetters[{Path}]";
}
