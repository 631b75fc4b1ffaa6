using ProcessManager.Host.Stats;

namespace ProcessManager.Host.Tests;

public sealed class LatencyRecorderTests
{
    [Fact]
    public void Percentiles_are_taken_over_the_kept_samples_only()
    {
        var recorder = new LatencyRecorder(capacity: 100);
        for (var i = 1; i <= 300; i++)
        {
            recorder.Record(TimeSpan.FromMilliseconds(i));
        }

        var (p50, p90, p99, max) = recorder.Percentiles();

        Assert.Equal(300, recorder.Total);
        Assert.Equal(100, recorder.Count);
        Assert.Equal(250, p50);
        Assert.Equal(290, p90);
        Assert.Equal(299, p99);
        Assert.Equal(300, max);
    }

    [Fact]
    public void An_empty_recorder_reports_zeros()
    {
        Assert.Equal((0d, 0d, 0d, 0d), new LatencyRecorder(16).Percentiles());
    }
}
