namespace ProcessManager.Actors.Os.Metrics;

/// <summary>A bounded ring of samples, oldest dropped first; grows up to its capacity as samples arrive.</summary>
public sealed class SampleHistory
{
    private readonly Lock _gate = new();
    private ProcessSample[] _items = [];
    private int _next;
    private int _count;

    public SampleHistory(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    public int Capacity { get; }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    public ProcessSample? Latest
    {
        get
        {
            lock (_gate)
            {
                return _count == 0 ? null : _items[(_next - 1 + _items.Length) % _items.Length];
            }
        }
    }

    public void Add(ProcessSample sample)
    {
        lock (_gate)
        {
            if (_count == _items.Length && _items.Length < Capacity)
            {
                var grown = new ProcessSample[Math.Min(Capacity, Math.Max(8, _items.Length * 2))];
                for (var i = 0; i < _count; i++)
                {
                    grown[i] = _items[(_next - _count + i + _items.Length) % _items.Length];
                }
                _items = grown;
                _next = _count;
            }
            _items[_next] = sample;
            _next = (_next + 1) % _items.Length;
            _count = Math.Min(_count + 1, _items.Length);
        }
    }

    /// <summary>Oldest first.</summary>
    public IReadOnlyList<ProcessSample> ToList()
    {
        lock (_gate)
        {
            var result = new ProcessSample[_count];
            for (var i = 0; i < _count; i++)
            {
                result[i] = _items[(_next - _count + i + _items.Length) % _items.Length];
            }
            return result;
        }
    }
}
