using System.Diagnostics;

namespace ProcessManager.Kernel;

/// <summary>
/// Two queues: system messages always drain first; user messages only while not suspended.
/// An Idle→Busy compare-exchange guarantees one thread at a time; a run processes at most
/// <c>throughput</c> messages and then yields the thread.
/// </summary>
[DebuggerDisplay("Mailbox status={_status} suspended={_suspendCount}")]
internal sealed class Mailbox : IThreadPoolWorkItem
{
    private const int Idle = 0;
    private const int Busy = 1;

    private readonly MpscQueue<SystemMessage> _system = new();
    private readonly MpscQueue<Envelope> _user = new();
    private readonly IDispatcher _dispatcher;

    /// <summary>Busy while a run is scheduled or executing.</summary>
    private int _status;

    /// <summary>Reasons user messages are held back (failure, async handler, stopping); mailbox thread only.</summary>
    private int _suspendCount;

    /// <summary>Messages put back in front of the queue (unstash); mailbox thread only.</summary>
    private Queue<Envelope>? _front;

    private IMessageInvoker _invoker = null!;

    public Mailbox(IDispatcher dispatcher)
    {
        _dispatcher = dispatcher;
    }

    public void SetInvoker(IMessageInvoker invoker) => _invoker = invoker;

    public int UserDepth => _user.CountApprox(1_000_000) + (_front?.Count ?? 0);

    public void Post(Envelope envelope)
    {
        _user.Enqueue(envelope);
        Schedule();
    }

    public void PostSystem(SystemMessage message)
    {
        _system.Enqueue(message);
        Schedule();
    }

    /// <summary>Mailbox thread only.</summary>
    public void Suspend() => _suspendCount++;

    /// <summary>Mailbox thread only.</summary>
    public void Resume()
    {
        Debug.Assert(_suspendCount > 0, "resume without suspend");
        if (_suspendCount > 0)
        {
            _suspendCount--;
        }
    }

    /// <summary>Mailbox thread only: the given messages run before anything already queued.</summary>
    public void PushFront(IEnumerable<Envelope> envelopes)
    {
        var front = new Queue<Envelope>(envelopes);
        if (_front is { Count: > 0 })
        {
            foreach (var envelope in _front)
            {
                front.Enqueue(envelope);
            }
        }

        _front = front;
    }

    /// <summary>Mailbox thread only: takes every waiting user message (used when the actor stops).</summary>
    public IEnumerable<Envelope> DrainUser()
    {
        while (_front is { Count: > 0 })
        {
            yield return _front.Dequeue();
        }

        while (_user.TryDequeue(out var envelope))
        {
            yield return envelope;
        }
    }

    private void Schedule()
    {
        // Always the compare-exchange, never a plain read first: it is a full fence, so the
        // producer's link store is visible before it reads the status. A plain (acquire) read
        // may be reordered before that store; a consumer going idle then misses the item while
        // the producer sees Busy, and the message waits forever (seen in the 1-in-flight ping-pong).
        if (Interlocked.CompareExchange(ref _status, Busy, Idle) == Idle)
        {
            _dispatcher.Schedule(this);
        }
    }

    public void Execute()
    {
        var invoker = _invoker;
        var throughput = _dispatcher.Throughput;
        for (var processed = 0; processed < throughput; processed++)
        {
            if (_system.TryDequeue(out var system))
            {
                invoker.InvokeSystem(system);
                continue;
            }

            if (_suspendCount > 0)
            {
                break;
            }

            if (_front is { Count: > 0 })
            {
                invoker.InvokeUser(_front.Dequeue());
                continue;
            }

            if (!_user.TryDequeue(out var envelope))
            {
                break;
            }

            invoker.InvokeUser(envelope);
        }

        // A full fence: a producer that saw Busy relies on this re-check to reschedule.
        Interlocked.Exchange(ref _status, Idle);
        if (HasWork())
        {
            Schedule();
        }
    }

    private bool HasWork() =>
        !_system.IsEmpty || (_suspendCount == 0 && (!_user.IsEmpty || _front is { Count: > 0 }));
}
