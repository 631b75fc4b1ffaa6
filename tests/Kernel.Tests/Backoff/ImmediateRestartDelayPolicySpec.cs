namespace ProcessManager.Kernel.Tests.Backoff;

public sealed class ImmediateRestartDelayPolicySpec
{
    [Fact]
    public void A_zero_min_restarts_at_once_every_time()
    {
        var policy = ExponentialBackoffDelayPolicy.AllowingImmediateRestart(TimeSpan.Zero, TimeSpan.FromSeconds(30), 0.5, () => 0.9);

        Assert.All(Enumerable.Range(0, 40), n => Assert.Equal(TimeSpan.Zero, policy.NextDelay(n, null)));
    }

    [Fact]
    public void Delays_double_are_capped_and_jitter_may_exceed_one()
    {
        var min = TimeSpan.FromMilliseconds(100);
        var policy = ExponentialBackoffDelayPolicy.AllowingImmediateRestart(min, TimeSpan.FromSeconds(1), 2, () => 0.5);

        Assert.Equal(min * 2, policy.NextDelay(0, null));
        Assert.Equal(min * 4, policy.NextDelay(1, null));
        Assert.Equal(TimeSpan.FromSeconds(2), policy.NextDelay(10, null));
    }

    [Fact]
    public void A_huge_max_with_a_large_factor_does_not_overflow()
    {
        var policy = ExponentialBackoffDelayPolicy.AllowingImmediateRestart(TimeSpan.FromSeconds(1), TimeSpan.MaxValue / 2, 10, () => 0.99);

        Assert.True(policy.NextDelay(int.MaxValue, null) > TimeSpan.Zero);
    }

    [Fact]
    public void Invalid_settings_name_the_field()
    {
        Assert.Equal("minBackoff", Assert.Throws<ArgumentOutOfRangeException>(() => ExponentialBackoffDelayPolicy.AllowingImmediateRestart(TimeSpan.FromTicks(-1), TimeSpan.Zero, 0)).ParamName);
        Assert.Equal("maxBackoff", Assert.Throws<ArgumentOutOfRangeException>(() => ExponentialBackoffDelayPolicy.AllowingImmediateRestart(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1), 0)).ParamName);
        Assert.Equal("randomFactor", Assert.Throws<ArgumentOutOfRangeException>(() => ExponentialBackoffDelayPolicy.AllowingImmediateRestart(TimeSpan.Zero, TimeSpan.Zero, 10.5)).ParamName);
    }
}
