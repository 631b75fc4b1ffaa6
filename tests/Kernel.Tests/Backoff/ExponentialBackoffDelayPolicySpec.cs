namespace ProcessManager.Kernel.Tests.Backoff;

public sealed class ExponentialBackoffDelayPolicySpec
{
    private static readonly TimeSpan Min = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(2);

    [Fact]
    public void Delays_double_per_restart()
    {
        var policy = new ExponentialBackoffDelayPolicy(Min, Max, 0.5, () => 0);
        Assert.Equal(Min, policy.NextDelay(0, null));
        Assert.Equal(Min * 2, policy.NextDelay(1, null));
        Assert.Equal(Min * 8, policy.NextDelay(3, null));
    }

    [Fact]
    public void Delays_are_capped_at_max_before_jitter()
    {
        var policy = new ExponentialBackoffDelayPolicy(Min, Max, 0, () => 0.9);
        Assert.Equal(Max, policy.NextDelay(10, null));
        Assert.Equal(Max, policy.NextDelay(1000, null));
    }

    [Fact]
    public void Jitter_stays_within_the_random_factor()
    {
        var policy = new ExponentialBackoffDelayPolicy(Min, Max, 0.2);
        for (var i = 0; i < 1000; i++)
        {
            var delay = policy.NextDelay(2, null);
            Assert.InRange(delay, Min * 4, Min * 4 * 1.2);
        }

        var top = new ExponentialBackoffDelayPolicy(Min, Max, 0.2, () => 0.999999);
        Assert.True(top.NextDelay(2, null) > Min * 4 * 1.19);
    }

    [Fact]
    public void Invalid_settings_name_the_field()
    {
        Assert.Equal("minBackoff", Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialBackoffDelayPolicy(TimeSpan.Zero, Max, 0)).ParamName);
        Assert.Equal("maxBackoff", Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialBackoffDelayPolicy(Max, Min, 0)).ParamName);
        Assert.Equal("randomFactor", Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialBackoffDelayPolicy(Min, Max, 1.5)).ParamName);
    }
}
