using ProcessManager.Contracts.Dtos;

namespace ProcessManager.Host.Observability.Metrics;

/// <summary>
/// The dashboard's charts: per program a ring of at most <c>history</c> samples, for at most <c>max-programs</c>
/// programs; a program that leaves the process list leaves the store.
/// </summary>
internal sealed class MetricsHistoryStore
{
    private readonly int _capacity;
    private readonly int _maxPrograms;

    /// <summary>Rings by program; written by the sampling loop, read by API requests, both under the lock.</summary>
    private readonly Dictionary<string, Ring> _programs = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public MetricsHistoryStore(int capacity, int maxPrograms)
    {
        _capacity = capacity;
        _maxPrograms = maxPrograms;
    }

    /// <summary>Programs with a history now.</summary>
    public int Programs
    {
        get
        {
            lock (_gate)
            {
                return _programs.Count;
            }
        }
    }

    /// <summary>Adds one sample per program of <paramref name="snapshot"/> (instances summed) and forgets programs not in it.</summary>
    public void Add(MetricsSnapshot snapshot)
    {
        var points = new Dictionary<string, MetricsPoint>(StringComparer.Ordinal);
        foreach (var process in snapshot.Processes)
        {
            points[process.Name] = points.TryGetValue(process.Name, out var sum)
                ? sum with { CpuPercent = sum.CpuPercent + (process.CpuPercent ?? 0), MemoryBytes = sum.MemoryBytes + (process.MemoryBytes ?? 0) }
                : new MetricsPoint(snapshot.At, process.CpuPercent ?? 0, process.MemoryBytes ?? 0);
        }

        lock (_gate)
        {
            foreach (var gone in _programs.Keys.Where(name => !points.ContainsKey(name)).ToList())
            {
                _programs.Remove(gone);
            }

            foreach (var (name, point) in points)
            {
                if (!_programs.TryGetValue(name, out var ring))
                {
                    if (_programs.Count >= _maxPrograms)
                    {
                        continue;
                    }

                    _programs[name] = ring = new Ring(_capacity);
                }

                ring.Add(point);
            }
        }
    }

    /// <summary>The samples of <paramref name="program"/>, oldest first; null when it has none.</summary>
    public IReadOnlyList<MetricsPoint>? Get(string program)
    {
        lock (_gate)
        {
            return _programs.TryGetValue(program, out var ring) ? ring.ToList() : null;
        }
    }

    /// <summary>A fixed-size ring, grown up to its capacity as samples come.</summary>
    private sealed class Ring(int capacity)
    {
        private readonly List<MetricsPoint> _items = [];
        private int _next;

        public void Add(MetricsPoint point)
        {
            if (_items.Count < capacity)
            {
                _items.Add(point);
                return;
            }

            _items[_next] = point;
            _next = (_next + 1) % capacity;
        }

        public IReadOnlyList<MetricsPoint> ToList() => [.. _items.Skip(_next), .. _items.Take(_next)];
    }
}
