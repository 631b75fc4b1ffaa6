using System.Text;

namespace ProcessManager.Actors.Os.Logs;

/// <summary>
/// The last N lines in memory. Slots are byte arrays reused from line to line, so a steady stream
/// allocates nothing once warm; nothing is allocated before the first line.
/// </summary>
internal sealed class LogRing(int capacity)
{
    private readonly Lock _gate = new();

    /// <summary>Slot contents; null until the first line arrives.</summary>
    private byte[]?[]? _slots;
    private int[]? _lengths;
    private long[]? _ticks;
    private LogStreamKind[]? _kinds;

    /// <summary>Index of the slot the next line goes to.</summary>
    private int _next;

    /// <summary>Lines held, at most <c>capacity</c>.</summary>
    private int _count;

    internal void Add(LogStreamKind kind, ReadOnlySpan<byte> line, long utcTicks)
    {
        if (capacity == 0)
        {
            return;
        }
        lock (_gate)
        {
            if (_slots is null)
            {
                _slots = new byte[capacity][];
                _lengths = new int[capacity];
                _ticks = new long[capacity];
                _kinds = new LogStreamKind[capacity];
            }
            var slot = _slots[_next];
            if (slot is null || slot.Length < line.Length)
            {
                slot = new byte[Math.Max(line.Length, 128)];
                _slots[_next] = slot;
            }
            line.CopyTo(slot);
            _lengths![_next] = line.Length;
            _ticks![_next] = utcTicks;
            _kinds![_next] = kind;
            _next = (_next + 1) % capacity;
            _count = Math.Min(_count + 1, capacity);
        }
    }

    /// <summary>Lines held now.</summary>
    internal int Count
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    internal IReadOnlyList<LogLine> Tail(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_gate)
        {
            var n = Math.Min(count, _count);
            var result = new LogLine[n];
            var start = (_next - n + capacity) % Math.Max(capacity, 1);
            for (var i = 0; i < n; i++)
            {
                var index = (start + i) % capacity;
                result[i] = new LogLine(
                    _kinds![index],
                    new DateTimeOffset(_ticks![index], TimeSpan.Zero),
                    Encoding.UTF8.GetString(_slots![index]!, 0, _lengths![index]));
            }
            return result;
        }
    }
}
