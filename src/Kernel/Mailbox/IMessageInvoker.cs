namespace ProcessManager.Kernel;

/// <summary>What a mailbox runs messages against; the mailbox never sees an actor.</summary>
internal interface IMessageInvoker
{
    void InvokeSystem(SystemMessage message);

    void InvokeUser(Envelope envelope);
}
