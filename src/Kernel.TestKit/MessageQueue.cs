namespace ProcessManager.Kernel.TestKit;

/// <summary>Blocking queue of received envelopes shared by a probe actor and the test thread.</summary>
internal sealed class MessageQueue
{
    private readonly Queue<Envelope> _items = new();

    public void Add(Envelope envelope)
    {
        lock (_items)
        {
            _items.Enqueue(envelope);
            Monitor.PulseAll(_items);
        }
    }

    public bool TryTake(TimeSpan timeout, out Envelope envelope)
    {
        var deadline = DateTime.UtcNow + (timeout < TimeSpan.Zero ? TimeSpan.Zero : timeout);
        lock (_items)
        {
            while (_items.Count == 0)
            {
                var remaining = deadline - DateTime.UtcNow;
                if (remaining <= TimeSpan.Zero || !Monitor.Wait(_items, remaining))
                {
                    if (_items.Count == 0)
                    {
                        envelope = default;
                        return false;
                    }
                }
            }

            envelope = _items.Dequeue();
            return true;
        }
    }

    public int Count
    {
        get
        {
            lock (_items)
            {
                return _items.Count;
            }
        }
    }
}
