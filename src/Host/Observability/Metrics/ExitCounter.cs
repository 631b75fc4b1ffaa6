using Akka.Actor;
using ProcessManager.Actors.Processes.Protocol;

namespace ProcessManager.Host.Observability.Metrics;

/// <summary>Counts the runs that end, by program and <see cref="ExitReasons">reason</see>, from the event stream.</summary>
internal sealed class ExitCounter : ReceiveActor
{
    public ExitCounter(ProcessManagerMetrics metrics)
    {
        Receive<ProcessStateChanged>(changed =>
        {
            if (ExitReasons.Of(changed) is { } reason)
            {
                metrics.RecordExit(changed.Status.Name, reason);
            }
        });
    }

    protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(ProcessStateChanged));

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);
}
