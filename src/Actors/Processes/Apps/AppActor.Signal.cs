using Akka.Actor;
using ProcessManager.Actors.Processes.Execution;
using ProcessManager.Actors.Processes.Protocol;

namespace ProcessManager.Actors.Processes.Apps;

/// <summary>pbm process signal: a signal to the programs of the app (or of one instance), without a state change.</summary>
internal sealed partial class AppActor
{
    private void OnSignal(ProcessSpec spec, SignalProcess signal, IActorRef replyTo)
    {
        if (signal.Index is { } index && (index < 0 || index >= _instances.Count))
        {
            replyTo.Tell(new ProcessNotFound(spec.InstanceName(index)));
            return;
        }

        IReadOnlyList<IActorRef> targets = signal.Index is { } one ? [_instances[one]] : [.. _instances];
        var timeout = TimeSpan.FromSeconds(10);
        var name = _name;
        Task.WhenAll(targets.Select(target => target.Ask<SignalOutcome>(new SignalProgram(signal.Signal), timeout)))
            .PipeTo(
                replyTo,
                Self,
                results => new ProcessSignalled(name, [.. results.Select(result => result.Signalled).OfType<SignalledInstance>()]),
                error => new CommandFailed($"signalling '{name}': {error.GetBaseException().Message}"));
    }
}
