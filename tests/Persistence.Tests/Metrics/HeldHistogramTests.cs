using System.Diagnostics.Metrics;
using ProcessManager.Persistence.Storage;

namespace ProcessManager.Persistence.Tests.Metrics;

public sealed class HeldHistogramTests
{
    private static readonly double[] Boundaries = [0.001, 0.01, 0.1, 1];

    /// <summary>Counts per exported bucket (values in (b[i-1], b[i]], the last above all) and the sum of what a histogram was given.</summary>
    private static (long[] Buckets, double Sum) Exported(IEnumerable<double> values)
    {
        var buckets = new long[Boundaries.Length + 1];
        var sum = 0.0;
        foreach (var value in values)
        {
            var bucket = Array.FindIndex(Boundaries, b => value <= b);
            buckets[bucket < 0 ? Boundaries.Length : bucket]++;
            sum += value;
        }

        return (buckets, sum);
    }

    [Fact]
    public void Replayed_values_fall_in_the_same_buckets_with_the_same_sum_and_carry_the_tags()
    {
        using var meter = new Meter("HeldHistogramTests-" + Guid.NewGuid());
        var histogram = meter.CreateHistogram<double>("latency");
        var replayed = new List<double>();
        var tags = new List<object?>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument, histogram))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, value, measurementTags, _) =>
        {
            replayed.Add(value);
            tags.Add(measurementTags.ToArray().Single(t => t.Key == "route").Value);
        });
        listener.Start();

        // Values on and around the boundaries, and many in one bucket whose mean could round onto its edge.
        double[] values = [0.0005, 0.001, 0.001, 0.001, 0.0011, 0.05, 0.1, 0.1, 0.7, 3, 12.5, .. Enumerable.Repeat(0.1 / 3, 1000)];
        var held = new HeldHistogram(Boundaries);
        foreach (var value in values)
        {
            held.Record(value);
        }

        Assert.Equal(values.Length, held.Count);
        held.ReplayInto(histogram, [new KeyValuePair<string, object?>("route", "/v1/x")]);

        var (expectedBuckets, expectedSum) = Exported(values);
        var (buckets, sum) = Exported(replayed);
        Assert.Equal(expectedBuckets, buckets);
        Assert.Equal(expectedSum, sum, 9);
        Assert.All(tags, t => Assert.Equal("/v1/x", t));
        Assert.Equal(0, held.Count);
    }
}
