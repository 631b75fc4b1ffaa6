using Xunit;
using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Actors.Processes.Supervision;

namespace ProcessManager.Actors.Tests.Processes.Supervision;

public sealed class CrashLoopWindowTests
{
    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public void More_than_max_restarts_within_the_window_is_a_crash_loop()
    {
        var window = new CrashLoopWindow(new CrashLoopSettings(3, S(10), S(60)));

        Assert.False(window.RecordAndCheck(S(0)));
        Assert.False(window.RecordAndCheck(S(1)));
        Assert.False(window.RecordAndCheck(S(2)));
        Assert.True(window.RecordAndCheck(S(3)));
    }

    [Fact]
    public void Restarts_older_than_the_window_do_not_count()
    {
        var window = new CrashLoopWindow(new CrashLoopSettings(3, S(10), S(60)));

        window.RecordAndCheck(S(0));
        window.RecordAndCheck(S(1));
        window.RecordAndCheck(S(2));

        Assert.False(window.RecordAndCheck(S(11.5)));
        Assert.Equal(2, window.Count);
    }

    [Fact]
    public void The_window_stays_bounded_however_many_restarts_are_recorded()
    {
        var window = new CrashLoopWindow(new CrashLoopSettings(5, TimeSpan.FromDays(1), null));

        for (var i = 0; i < 10_000; i++)
        {
            window.RecordAndCheck(TimeSpan.FromMilliseconds(i));
        }

        Assert.Equal(6, window.Count);
    }

    [Fact]
    public void Reset_forgets_the_history()
    {
        var window = new CrashLoopWindow(new CrashLoopSettings(1, S(10), S(1)));
        window.RecordAndCheck(S(0));
        window.Reset();

        Assert.False(window.RecordAndCheck(S(1)));
    }
}
