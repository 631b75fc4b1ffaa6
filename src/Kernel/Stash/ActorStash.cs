namespace ProcessManager.Kernel;

/// <summary>Stash of one actor; lives in the cell so it survives restarts. Actor thread only.</summary>
internal sealed class ActorStash(ActorCell cell, int capacity) : IStash
{
    private readonly LinkedList<Envelope> _stashed = new();

    public int Count => _stashed.Count;

    public int Capacity => capacity;

    public bool IsEmpty => _stashed.Count == 0;

    public void Stash()
    {
        var current = cell.CurrentEnvelope;
        if (current.Message is null)
        {
            throw new InvalidOperationException("There is no message to stash: Stash() must be called while handling a message.");
        }

        if (_stashed.Count >= capacity)
        {
            throw new StashOverflowException($"Stash of {cell.Self.Path} is full ({capacity} messages).");
        }

        _stashed.AddLast(current);
    }

    public void Unstash()
    {
        if (_stashed.First is { } first)
        {
            _stashed.RemoveFirst();
            cell.Mailbox.PushFront([first.Value]);
        }
    }

    public void UnstashAll() => UnstashAll(static _ => true);

    public void UnstashAll(Func<Envelope, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var selected = new List<Envelope>(_stashed.Count);
        var node = _stashed.First;
        while (node is not null)
        {
            var next = node.Next;
            if (predicate(node.Value))
            {
                selected.Add(node.Value);
                _stashed.Remove(node);
            }

            node = next;
        }

        if (selected.Count > 0)
        {
            cell.Mailbox.PushFront(selected);
        }
    }

    public IEnumerable<Envelope> ClearStash()
    {
        var all = _stashed.ToArray();
        _stashed.Clear();
        return all;
    }
}
