using ProcessManager.Host.Observability;
using ProcessManager.Host.Observability.Dashboard;

namespace ProcessManager.Host.Tests.Observability;

public sealed class LoginThrottleTests
{
    [Fact]
    public void An_address_is_refused_after_its_failed_attempts_until_its_window_ends_and_others_are_not()
    {
        var time = new ManualTime();
        var throttle = new LoginThrottle(new ObservabilitySettings { LoginAttempts = 3, LoginWindow = TimeSpan.FromMinutes(1) }, time);

        Assert.False(throttle.Failed("10.0.0.1"));
        Assert.False(throttle.Failed("10.0.0.1"));
        Assert.Null(throttle.RetryAfter("10.0.0.1"));
        Assert.True(throttle.Failed("10.0.0.1"));
        time.Advance(TimeSpan.FromSeconds(20));

        Assert.Equal(TimeSpan.FromSeconds(40), throttle.RetryAfter("10.0.0.1"));
        Assert.Null(throttle.RetryAfter("10.0.0.2"));
        Assert.Equal(1, throttle.Refused);
        time.Advance(TimeSpan.FromSeconds(40));
        Assert.Null(throttle.RetryAfter("10.0.0.1"));
    }

    [Fact]
    public void A_success_clears_the_failures_and_the_table_is_bounded()
    {
        var time = new ManualTime();
        var throttle = new LoginThrottle(new ObservabilitySettings { LoginAttempts = 2, LoginTrackedAddresses = 3 }, time);
        throttle.Failed("a");
        throttle.Succeeded("a");
        throttle.Failed("a");
        Assert.Null(throttle.RetryAfter("a"));

        foreach (var address in new[] { "b", "c", "d", "e" })
        {
            time.Advance(TimeSpan.FromSeconds(1));
            throttle.Failed(address);
        }

        Assert.Equal(3, throttle.Tracked);
    }
}
