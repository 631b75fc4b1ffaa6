namespace ProcessManager.Kernel;

/// <summary>Runs mailbox turns as thread-pool work items (no per-schedule allocation).</summary>
internal sealed class ThreadPoolDispatcher(int throughput) : IDispatcher
{
    public int Throughput { get; } = throughput;

    public void Schedule(IThreadPoolWorkItem mailbox) => ThreadPool.UnsafeQueueUserWorkItem(mailbox, preferLocal: true);
}
