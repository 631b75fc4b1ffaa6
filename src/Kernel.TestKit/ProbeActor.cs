namespace ProcessManager.Kernel.TestKit;

/// <summary>The actor behind a <see cref="TestProbe"/>: queues everything it receives.</summary>
internal sealed class ProbeActor(MessageQueue queue, Func<Exception, Directive> childDecider) : ActorBase
{
    protected override bool Receive(object message)
    {
        if (message is ProbeCommand command)
        {
            command.Run(Context);
            return true;
        }

        queue.Add(new Envelope(message, Sender));
        return true;
    }

    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(childDecider);
}
