namespace ProcessManager.Kernel;

/// <summary>Well-known references.</summary>
public static class ActorRefs
{
    /// <summary>A reference that drops every message; also the explicit "no sender".</summary>
    public static readonly IActorRef Nobody = new NobodyActorRef();

    /// <summary>Pass as sender to send without one; the receiver sees the dead-letters reference.</summary>
    public static readonly IActorRef NoSender = Nobody;

    private sealed class NobodyActorRef : IInternalActorRef
    {
        private static readonly ActorPath NobodyPath = ActorPath.CreateRoot("nobody").Child("nobody");

        public ActorPath Path => NobodyPath;

        public bool IsTerminated => true;

        public void Tell(object message, IActorRef? sender = null)
        {
        }

        public void SendSystemMessage(SystemMessage message)
        {
            if (message is Watch watch)
            {
                watch.Watcher.SendSystemMessage(new DeathWatchNotification(this));
            }
        }

        public override string ToString() => "Nobody";
    }
}
