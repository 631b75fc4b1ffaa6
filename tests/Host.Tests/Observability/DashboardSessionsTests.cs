using ProcessManager.Host.Observability;
using ProcessManager.Host.Observability.Dashboard;

namespace ProcessManager.Host.Tests.Observability;

public sealed class DashboardSessionsTests
{
    [Fact]
    public void Sessions_are_bounded_the_oldest_giving_way_and_expire_after_their_lifetime()
    {
        var time = new ManualTime();
        var sessions = new DashboardSessions(new ObservabilitySettings { MaxSessions = 2, SessionLifetime = TimeSpan.FromMinutes(10) }, time);
        var (first, _) = sessions.Create();
        time.Advance(TimeSpan.FromSeconds(1));
        var (second, _) = sessions.Create();
        time.Advance(TimeSpan.FromSeconds(1));
        var (third, _) = sessions.Create();

        Assert.Null(sessions.Find(first));
        Assert.NotNull(sessions.Find(second));
        Assert.Equal(2, sessions.Count);
        time.Advance(TimeSpan.FromMinutes(10));
        Assert.Null(sessions.Find(third));
    }

    [Fact]
    public void A_login_code_expires()
    {
        var time = new ManualTime();
        var sessions = new DashboardSessions(new ObservabilitySettings { LoginCodeLifetime = TimeSpan.FromSeconds(30) }, time);
        var (code, _) = sessions.IssueCode();

        time.Advance(TimeSpan.FromSeconds(31));

        Assert.False(sessions.Redeem(code));
    }
}

/// <summary>A clock that moves only when told.</summary>
internal sealed class ManualTime : TimeProvider
{
    private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
