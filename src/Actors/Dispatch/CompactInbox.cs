using Akka.Actor;
using Akka.Dispatch;
using Akka.Dispatch.MessageQueues;

namespace ProcessManager.Actors.Dispatch;

/// <summary>
/// An unbounded message queue (Akka's IMessageQueue) that holds nothing until a message comes and gives its room back once drained. Akka's
/// default (a ConcurrentQueue) allocates a 32-slot segment (about 1 KB) per actor up front, and the daemon keeps three
/// actors per program, all idle nearly all the time. The lock is held only to move one envelope in or out.
/// </summary>
public sealed class CompactInbox : IMessageQueue, IUnboundedMessageQueueSemantics
{
    /// <summary>Room kept after the queue drained; a queue that grew beyond it (a burst) is shrunk to nothing.</summary>
    internal const int KeptCapacity = 16;

    private readonly Lock _gate = new();
    private readonly Queue<Envelope> _queue = new();

    /// <summary>Messages waiting, written under the lock and read without it (HasMessages is asked from any thread).</summary>
    private volatile int _count;

    public bool HasMessages => _count > 0;

    public int Count => _count;

    /// <summary>The room the queue holds now (for tests).</summary>
    internal int Capacity
    {
        get
        {
            lock (_gate)
            {
                return _queue.EnsureCapacity(0);
            }
        }
    }

    public void Enqueue(IActorRef receiver, Envelope envelope)
    {
        lock (_gate)
        {
            _queue.Enqueue(envelope);
            _count = _queue.Count;
        }
    }

    public bool TryDequeue(out Envelope envelope)
    {
        lock (_gate)
        {
            if (!_queue.TryDequeue(out envelope))
            {
                return false;
            }

            _count = _queue.Count;
            if (_count == 0 && _queue.EnsureCapacity(0) > KeptCapacity)
            {
                _queue.TrimExcess();
            }

            return true;
        }
    }

    public void CleanUp(IActorRef owner, IMessageQueue deadletters)
    {
        while (TryDequeue(out var envelope))
        {
            deadletters.Enqueue(owner, envelope);
        }
    }
}
