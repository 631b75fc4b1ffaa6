using Akka.Actor;
using ProcessManager.Actors.Processes.Instances;
using ProcessManager.Actors.Processes.Protocol;

namespace ProcessManager.Actors.Processes.Apps;

internal sealed partial class AppActor
{
    /// <summary>One instance only (web-1): the others and the app's desired state stay as they are.</summary>
    private void OnControlInstance(ProcessSpec spec, ControlInstance control, IActorRef replyTo)
    {
        if (control.Index < 0 || control.Index >= _instances.Count)
        {
            replyTo.Tell(new ProcessNotFound(spec.InstanceName(control.Index)));
            return;
        }

        object command = control.Action switch
        {
            InstanceAction.Start => new StartInstance("start requested"),
            InstanceAction.Stop => new StopInstance("stop requested"),
            _ => new RestartInstance("restart requested"),
        };
        Completed(One(_instances[control.Index].Ask<ProcessStatus>(command, SettleTimeout(spec))), replyTo);
    }

    private static async Task<ProcessStatus[]> One(Task<ProcessStatus> ask) => [await ask.ConfigureAwait(false)];
}
