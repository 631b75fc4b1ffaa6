using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Actors.Processes.Supervision;
using Xunit;

namespace ProcessManager.Actors.Tests.Processes.Supervision;

/// <summary>The app's backoff settings on the kernel's policy; restartCount 0 is the first restart.</summary>
public sealed class RestartDelaysTests
{
    [Fact]
    public void Without_jitter_the_delay_doubles_from_min_and_is_capped_at_max()
    {
        var policy = RestartDelays.For(new BackoffSettings(
            TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), 0, TimeSpan.FromSeconds(10)));

        var delays = Enumerable.Range(0, 7).Select(n => policy.NextDelay(n).TotalMilliseconds).ToArray();

        Assert.Equal([100, 200, 400, 800, 1000, 1000, 1000], delays);
    }

    [Fact]
    public void Jitter_stays_within_the_random_factor()
    {
        var settings = new BackoffSettings(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4), 0.5, TimeSpan.Zero);
        var random = new Random(42);
        var policy = RestartDelays.For(settings, random.NextDouble);

        for (var n = 0; n < 50; n++)
        {
            var expected = Math.Min(4000, 1000 * Math.Pow(2, n));
            Assert.InRange(policy.NextDelay(n).TotalMilliseconds, expected, expected * 1.5);
        }
    }

    [Fact]
    public void The_random_source_decides_the_jitter()
    {
        var settings = new BackoffSettings(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4), 0.5, TimeSpan.Zero);

        Assert.Equal(TimeSpan.FromSeconds(1), RestartDelays.For(settings, () => 0).NextDelay(0));
        Assert.Equal(TimeSpan.FromSeconds(1.25), RestartDelays.For(settings, () => 0.5).NextDelay(0));
    }

    [Fact]
    public void Huge_restart_counts_do_not_overflow()
    {
        var policy = RestartDelays.For(new BackoffSettings(TimeSpan.FromSeconds(1), TimeSpan.FromHours(1), 0.2, TimeSpan.Zero));

        Assert.InRange(policy.NextDelay(int.MaxValue), TimeSpan.FromHours(1), TimeSpan.FromHours(1.2));
    }

    [Fact]
    public void A_zero_min_restarts_at_once()
    {
        var policy = RestartDelays.For(new BackoffSettings(TimeSpan.Zero, TimeSpan.FromSeconds(30), 0.2, TimeSpan.Zero));

        Assert.Equal(TimeSpan.Zero, policy.NextDelay(5));
    }

    [Fact]
    public void A_negative_restart_count_is_rejected()
    {
        var policy = RestartDelays.For(BackoffSettings.Default);
        Assert.Throws<ArgumentOutOfRangeException>(() => policy.NextDelay(-1));
    }
}
