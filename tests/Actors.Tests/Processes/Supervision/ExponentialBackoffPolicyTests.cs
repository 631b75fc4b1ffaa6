using Xunit;
using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Actors.Processes.Supervision;

namespace ProcessManager.Actors.Tests.Processes.Supervision;

public sealed class ExponentialBackoffPolicyTests
{
    [Fact]
    public void Without_jitter_the_delay_doubles_from_min_and_is_capped_at_max()
    {
        var policy = new ExponentialBackoffPolicy(new BackoffSettings(
            TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), 0, TimeSpan.FromSeconds(10)));

        var delays = Enumerable.Range(1, 7).Select(policy.DelayFor).Select(d => d.TotalMilliseconds).ToArray();

        Assert.Equal([100, 200, 400, 800, 1000, 1000, 1000], delays);
    }

    [Fact]
    public void Jitter_stays_within_the_random_factor()
    {
        var settings = new BackoffSettings(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4), 0.5, TimeSpan.Zero);
        var policy = new ExponentialBackoffPolicy(settings, new Random(42));

        for (var attempt = 1; attempt <= 50; attempt++)
        {
            var expected = Math.Min(4000, 1000 * Math.Pow(2, attempt - 1));
            var delay = policy.DelayFor(attempt).TotalMilliseconds;
            Assert.InRange(delay, expected, expected * 1.5);
        }
    }

    [Fact]
    public void Huge_attempt_numbers_do_not_overflow()
    {
        var policy = new ExponentialBackoffPolicy(new BackoffSettings(
            TimeSpan.FromSeconds(1), TimeSpan.FromHours(1), 0.2, TimeSpan.Zero));

        Assert.InRange(policy.DelayFor(int.MaxValue), TimeSpan.FromHours(1), TimeSpan.FromHours(1.2));
    }

    [Fact]
    public void Attempt_zero_is_rejected()
    {
        var policy = new ExponentialBackoffPolicy(BackoffSettings.Default);
        Assert.Throws<ArgumentOutOfRangeException>(() => policy.DelayFor(0));
    }
}
