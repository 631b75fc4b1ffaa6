namespace ProcessManager.Kernel;

/// <summary>Parent of the guardians. A failing guardian is stopped; a stopped /user guardian
/// terminates the system.</summary>
internal sealed class RootActorRef(ActorSystem system, ActorPath path) : IInternalActorRef
{
    public ActorPath Path { get; } = path;

    public bool IsTerminated => system.WhenTerminated.IsCompleted;

    public void Tell(object message, IActorRef? sender = null)
    {
    }

    public void SendSystemMessage(SystemMessage message)
    {
        switch (message)
        {
            case Failed failed:
                failed.Child.SendSystemMessage(new Terminate());
                break;
            case DeathWatchNotification notification:
                system.OnGuardianTerminated(notification.Actor);
                break;
        }
    }
}
