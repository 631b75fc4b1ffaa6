using System.Diagnostics.Metrics;

namespace ProcessManager.Persistence.Storage;

/// <summary>
/// The values a histogram was given while no exporter listened yet (the daemon builds its metrics pipeline at the
/// first scrape), folded into the exporter's buckets: count, sum, smallest and largest per bucket. Replayed into the
/// histogram once an exporter listens, the exported bucket counts and sum are those it would have had from the start.
/// Its size is fixed by the boundaries, whatever the number of values. Not thread-safe: its owner locks.
/// </summary>
public sealed class HeldHistogram
{
    private readonly double[] _boundaries;

    /// <summary>Per bucket i: values in (boundaries[i-1], boundaries[i]]; the last one holds those above every boundary.</summary>
    private readonly long[] _counts;
    private readonly double[] _sums;
    private readonly double[] _smallest;
    private readonly double[] _largest;

    /// <param name="boundaries">The exporter's bucket boundaries, ascending (<see cref="LatencyBuckets.Seconds"/>).</param>
    public HeldHistogram(IReadOnlyList<double> boundaries)
    {
        ArgumentNullException.ThrowIfNull(boundaries);
        _boundaries = [.. boundaries];
        _counts = new long[_boundaries.Length + 1];
        _sums = new double[_counts.Length];
        _smallest = new double[_counts.Length];
        _largest = new double[_counts.Length];
    }

    /// <summary>Values held.</summary>
    public long Count => _counts.Sum();

    public void Record(double value)
    {
        var bucket = Array.BinarySearch(_boundaries, value);
        bucket = bucket >= 0 ? bucket : ~bucket;
        if (_counts[bucket]++ == 0)
        {
            _smallest[bucket] = _largest[bucket] = value;
        }
        else
        {
            _smallest[bucket] = Math.Min(_smallest[bucket], value);
            _largest[bucket] = Math.Max(_largest[bucket], value);
        }

        _sums[bucket] += value;
    }

    /// <summary>
    /// Records the held values into <paramref name="histogram"/> with <paramref name="tags"/>: each bucket's count of
    /// its mean value, which lies in the same bucket (kept between the bucket's smallest and largest value against
    /// rounding), so both the bucket counts and the sum come out as they were. Then forgets them.
    /// </summary>
    public void ReplayInto(Histogram<double> histogram, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        for (var bucket = 0; bucket < _counts.Length; bucket++)
        {
            var count = _counts[bucket];
            if (count == 0)
            {
                continue;
            }

            var mean = Math.Clamp(_sums[bucket] / count, _smallest[bucket], _largest[bucket]);
            for (var i = 0; i < count; i++)
            {
                histogram.Record(mean, tags);
            }

            _counts[bucket] = 0;
            _sums[bucket] = 0;
        }
    }
}
