namespace ProcessManager.Kernel;

/// <summary>Kernel-side view of a reference: system messages and liveness.</summary>
internal interface IInternalActorRef : IActorRef
{
    void SendSystemMessage(SystemMessage message);

    bool IsTerminated { get; }
}
