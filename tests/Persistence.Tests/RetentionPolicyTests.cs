using ProcessManager.Persistence.Configuration;
using ProcessManager.Persistence.Retention;

namespace ProcessManager.Persistence.Tests;

public sealed class RetentionPolicyTests
{
    [Theory]
    [InlineData(100, 150, 1000, 0)] // fewer events than the bound: keep all
    [InlineData(100, 1500, 1000, 100)] // never past the snapshot
    [InlineData(1400, 1500, 1000, 500)] // never into the newest max-events
    [InlineData(0, 5000, 10, 0)] // no snapshot: nothing may go
    public void Deletable_range_stops_at_the_snapshot_and_at_the_retained_tail(long snapshot, long highest, int max, long expected) =>
        Assert.Equal(expected, RetentionPolicy.DeletableUpTo(snapshot, highest, max));

    [Fact]
    public void A_snapshot_is_due_every_n_events_and_never_when_disabled()
    {
        var every100 = new RetentionSettings { SnapshotEvery = 100 };
        var never = new RetentionSettings { SnapshotEvery = 0 };

        Assert.False(RetentionPolicy.IsSnapshotDue(99, 0, every100));
        Assert.True(RetentionPolicy.IsSnapshotDue(100, 0, every100));
        Assert.True(RetentionPolicy.IsSnapshotDue(203, 100, every100)); // a PersistAll may jump past a multiple
        Assert.False(RetentionPolicy.IsSnapshotDue(1_000_000, 0, never));
    }
}
