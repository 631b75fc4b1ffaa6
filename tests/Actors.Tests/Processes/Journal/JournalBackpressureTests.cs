using ProcessManager.Actors.Processes;
using ProcessManager.Actors.Processes.Instances;
using ProcessManager.Actors.Processes.Journal;
using ProcessManager.Actors.Processes.Protocol;
using ProcessManager.Actors.Processes.Supervision;
using ProcessManager.Kernel;
using ProcessManager.Kernel.TestKit;
using Xunit;

namespace ProcessManager.Actors.Tests.Processes.Journal;

public sealed class JournalBackpressureTests : TestKit
{
    private const int Capacity = 3;

    private static TimeSpan Patience => Tests.Os.OsTestScope.Patience;

    [Fact]
    public async Task A_crash_looping_instance_waits_for_a_stalled_journal_and_no_event_is_lost()
    {
        using var home = new TempDirectory();
        var journal = new GatedJournal();
        var writer = new JournalWriter(journal, Capacity);
        var spec = new ProcessSpec
        {
            Name = "crasher",
            Argv = ["sh", "-c", "exit 1"],
            Restart = RestartPolicy.Always,
            Backoff = new BackoffSettings(TimeSpan.Zero, TimeSpan.Zero, 0, TimeSpan.FromMinutes(1)),
            CrashLoop = new CrashLoopSettings(1_000_000, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)),
        };
        var settings = new ProcessSupervisorSettings(home.File("logs"), TimeSpan.FromSeconds(5), 10, Patience);
        var instance = Sys.ActorOf(InstanceActor.Props(spec, 0, settings, writer, s => RestartDelays.For(s.Backoff), InstanceRecovery.None));
        var ct = TestContext.Current.CancellationToken;

        instance.Tell(new StartInstance("test"));
        AwaitCondition(() => writer.Pending >= Capacity, Patience);

        // Held: the instance takes no message (not even a status query) while the journal is full.
        instance.Tell(GetInstanceStatus.Instance, TestActor);
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Assert.InRange(writer.Pending, Capacity, Capacity + 3);

        journal.Open();
        ExpectMsg<ProcessStatus>(Patience);
        var stopped = await instance.Ask<ProcessStatus>(new StopInstance("test over"), Patience, ct);
        await writer.FlushAsync().WaitAsync(Patience, ct);

        var events = journal.Stored.Where(e => e.Id == "process/crasher-0").Select(e => e.Event).ToList();
        Assert.Equal(0, writer.Failed);
        Assert.IsType<StoppedByRequest>(events[^1]);
        var cycle = events.Take(events.Count - 1).ToList();
        // Each crash is started, exited, restart scheduled, in that order; the stop may cut the last cycle short.
        for (var i = 0; i < cycle.Count; i++)
        {
            var expected = (i % 3) switch { 0 => typeof(ProgramStarted), 1 => typeof(ProgramExitedEvent), _ => typeof(RestartScheduled) };
            Assert.Equal(expected, cycle[i].GetType());
        }

        Assert.Equal(stopped.Restarts, cycle.OfType<RestartScheduled>().Count());
        Assert.Equal(Enumerable.Range(1, stopped.Restarts), cycle.OfType<RestartScheduled>().Select(r => r.Restarts));
    }
}
