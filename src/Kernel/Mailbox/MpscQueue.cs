namespace ProcessManager.Kernel;

/// <summary>
/// Unbounded multi-producer single-consumer linked queue (Vyukov). Producers never block each
/// other beyond one <see cref="Interlocked.Exchange{T}(ref T, T)"/>; one node per item.
/// </summary>
internal sealed class MpscQueue<T>
{
    private sealed class Node
    {
        public T Value = default!;
        public Node? Next;
    }

    /// <summary>Last node linked by producers.</summary>
    private Node _head;

    /// <summary>Stub node before the first item; only the consumer moves it.</summary>
    private Node _tail;

    public MpscQueue()
    {
        _head = _tail = new Node();
    }

    public void Enqueue(T value)
    {
        var node = new Node { Value = value };
        var previous = Interlocked.Exchange(ref _head, node);
        Volatile.Write(ref previous.Next, node);
    }

    /// <summary>Consumer only.</summary>
    public bool TryDequeue(out T value)
    {
        var next = Volatile.Read(ref _tail.Next);
        if (next is null)
        {
            value = default!;
            return false;
        }

        value = next.Value;
        next.Value = default!;
        _tail = next;
        return true;
    }

    /// <summary>Consumer view; an item whose producer has not linked it yet counts as absent,
    /// which is safe because that producer schedules the mailbox after linking, behind a full fence.</summary>
    public bool IsEmpty => Volatile.Read(ref _tail.Next) is null;

    /// <summary>Approximate length, safe from any thread; stops counting at <paramref name="cap"/>.</summary>
    public int CountApprox(int cap)
    {
        var count = 0;
        var node = Volatile.Read(ref _tail).Next;
        while (node is not null && count < cap)
        {
            count++;
            node = Volatile.Read(ref node.Next);
        }

        return count;
    }
}
