using ProcessManager.Actors.Processes.Journal;
using Xunit;

namespace ProcessManager.Actors.Tests.Processes.Journal;

public sealed class JournalWriterTests
{
    private static TimeSpan Patience => Tests.Os.OsTestScope.Patience;

    [Fact]
    public async Task A_stalled_journal_holds_recorders_back_and_then_stores_every_event_in_order()
    {
        var journal = new GatedJournal();
        var writer = new JournalWriter(journal, capacity: 10);
        const int events = 1_000;

        Assert.True(writer.WhenRoom.IsCompleted);
        for (var i = 0; i < events; i++)
        {
            writer.Record("process/web-" + (i % 3), new StoppedByRequest("event " + i));
        }

        var room = writer.WhenRoom;
        Assert.False(room.IsCompleted, "a full queue must hold recorders back");
        Assert.Equal(events, writer.Pending);

        journal.Open();
        await writer.FlushAsync().WaitAsync(Patience, TestContext.Current.CancellationToken);
        await room.WaitAsync(Patience, TestContext.Current.CancellationToken);

        var stored = journal.Stored;
        Assert.Equal(events, stored.Count);
        for (var i = 0; i < events; i++)
        {
            Assert.Equal("process/web-" + (i % 3), stored[i].Id);
            Assert.Equal("event " + i, Assert.IsType<StoppedByRequest>(stored[i].Event).Reason);
        }

        Assert.Equal(0, writer.Pending);
        Assert.Equal(0, writer.Failed);
        Assert.True(writer.WhenRoom.IsCompleted);
        Assert.True(journal.Writes < events / 2, $"a burst is written in batches, got {journal.Writes} writes for {events} events");
    }

    [Fact]
    public async Task A_flush_waits_for_the_events_recorded_before_it()
    {
        var journal = new GatedJournal();
        var writer = new JournalWriter(journal);
        writer.Record("app/web", new StoppedByRequest("first"));

        var flushed = writer.FlushAsync();
        Assert.False(flushed.IsCompleted);

        journal.Open();
        await flushed.WaitAsync(Patience, TestContext.Current.CancellationToken);
        Assert.Single(journal.Stored);
    }

    [Fact]
    public async Task A_write_refused_on_every_try_is_counted_and_the_writer_goes_on()
    {
        var journal = new RefusingJournal(refusals: int.MaxValue);
        var writer = new JournalWriter(journal, writeAttempts: 3, firstRetryDelay: TimeSpan.FromMilliseconds(1));
        writer.Record("app/web", new StoppedByRequest("lost to a broken store"));

        await writer.FlushAsync().WaitAsync(Patience, TestContext.Current.CancellationToken);

        Assert.Equal(1, writer.Failed);
        Assert.Equal(2, writer.Retries);
        Assert.Equal(3, journal.Attempts);
        Assert.IsType<IOException>(writer.LastError);
        Assert.True(writer.WhenRoom.IsCompleted);
    }

    [Fact]
    public async Task A_write_refused_for_a_while_is_tried_again_and_nothing_is_lost()
    {
        var journal = new RefusingJournal(refusals: 2);
        var writer = new JournalWriter(journal, writeAttempts: 3, firstRetryDelay: TimeSpan.FromMilliseconds(1));
        writer.Record("app/web", new StoppedByRequest("kept"));

        await writer.FlushAsync().WaitAsync(Patience, TestContext.Current.CancellationToken);

        Assert.Equal(0, writer.Failed);
        Assert.Equal(2, writer.Retries);
        Assert.Equal("kept", Assert.IsType<StoppedByRequest>(Assert.Single(journal.Stored)).Reason);
    }

    [Fact]
    public async Task Recording_after_completion_is_counted_not_thrown()
    {
        var journal = new GatedJournal();
        journal.Open();
        var writer = new JournalWriter(journal);
        writer.Complete();
        await writer.Completion.WaitAsync(Patience, TestContext.Current.CancellationToken);

        writer.Record("app/web", new StoppedByRequest("too late"));

        Assert.Equal(1, writer.Failed);
        Assert.Contains("closed", writer.LastError?.Message, StringComparison.Ordinal);
        Assert.Equal(0, writer.Pending);
    }

    /// <summary>Refuses the first <paramref name="refusals"/> writes, then stores.</summary>
    private sealed class RefusingJournal(int refusals) : IProcessJournal
    {
        private int _attempts;

        public int Attempts => Volatile.Read(ref _attempts);

        public List<ProcessEvent> Stored { get; } = [];

        public Task AppendAsync(string persistenceId, ProcessEvent processEvent, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref _attempts) <= refusals)
            {
                return Task.FromException(new IOException("disk full"));
            }

            Stored.Add(processEvent);
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<JournaledProcessEvent>> ReadAsync(string persistenceId, DateTimeOffset? since, int limit, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<JournaledProcessEvent>>([]);

        public Task<IReadOnlyList<string>> PersistenceIdsAsync(string prefix, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<string>>([]);
    }
}
