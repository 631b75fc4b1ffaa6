namespace ProcessManager.Kernel;

/// <summary>Runs mailboxes: how many messages per turn, and where a turn executes.</summary>
internal interface IDispatcher
{
    /// <summary>Messages a mailbox processes per turn before yielding its thread.</summary>
    int Throughput { get; }

    void Schedule(IThreadPoolWorkItem mailbox);
}
