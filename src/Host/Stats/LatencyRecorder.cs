using System.Diagnostics;

namespace ProcessManager.Host.Stats;

/// <summary>The last N API command latencies in a fixed ring, for percentiles; memory stays bounded by N.</summary>
[DebuggerDisplay("Count = {_count}, Capacity = {_samples.Length}")]
public sealed class LatencyRecorder
{
    private readonly Lock _gate = new();

    /// <summary>Ring of latencies in milliseconds; slots [0, _count) are filled.</summary>
    private readonly double[] _samples;

    /// <summary>Next slot to overwrite.</summary>
    private int _next;

    /// <summary>Filled slots, at most the capacity.</summary>
    private int _count;

    /// <summary>Commands recorded since start.</summary>
    private long _total;

    /// <summary>Creates a recorder keeping <paramref name="capacity"/> samples.</summary>
    public LatencyRecorder(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _samples = new double[capacity];
    }

    /// <summary>Commands recorded since start.</summary>
    public long Total => Interlocked.Read(ref _total);

    /// <summary>Number of samples kept.</summary>
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

    /// <summary>The ring's capacity.</summary>
    public int Capacity => _samples.Length;

    /// <summary>Records one latency.</summary>
    public void Record(TimeSpan latency)
    {
        lock (_gate)
        {
            _samples[_next] = latency.TotalMilliseconds;
            _next = (_next + 1) % _samples.Length;
            if (_count < _samples.Length)
            {
                _count++;
            }
        }

        Interlocked.Increment(ref _total);
    }

    /// <summary>p50, p90, p99 and max of the kept samples (zeros when empty).</summary>
    public (double P50, double P90, double P99, double Max) Percentiles()
    {
        double[] copy;
        lock (_gate)
        {
            copy = _samples.AsSpan(0, _count).ToArray();
        }

        if (copy.Length == 0)
        {
            return (0, 0, 0, 0);
        }

        Array.Sort(copy);
        return (At(copy, 0.50), At(copy, 0.90), At(copy, 0.99), copy[^1]);
    }

    private static double At(double[] sorted, double quantile)
    {
        var index = (int)Math.Ceiling(quantile * sorted.Length) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
    }
}
