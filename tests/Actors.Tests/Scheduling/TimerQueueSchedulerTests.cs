using Akka.Actor;
using Akka.Configuration;
using ProcessManager.Actors.Scheduling;
using Xunit;

namespace ProcessManager.Actors.Tests.Scheduling;

/// <summary>Akka's timers on <see cref="TimerQueueScheduler"/>: once, repeated, cancelled, and actor timers (IWithTimers).</summary>
public sealed class TimerQueueSchedulerTests : Akka.TestKit.Xunit.TestKit
{
    private static readonly Config SchedulerConfig = ConfigurationFactory.ParseString(
        "akka.scheduler.implementation = \"ProcessManager.Actors.Scheduling.TimerQueueScheduler, ProcessManager.Actors\"");

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public TimerQueueSchedulerTests()
        : base(SchedulerConfig, "scheduler-test")
    {
    }

    [Fact]
    public void The_actor_system_runs_on_the_timer_queue_scheduler() =>
        Assert.IsType<TimerQueueScheduler>(Sys.Scheduler);

    [Fact]
    public void A_message_scheduled_once_arrives_once_after_its_delay()
    {
        var started = Sys.Scheduler.MonotonicClock;
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(200), TestActor, "due", ActorRefs.NoSender);

        ExpectMsg("due", Patience, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(Sys.Scheduler.MonotonicClock - started >= TimeSpan.FromMilliseconds(190), "not before its delay");
        ExpectNoMsg(TimeSpan.FromMilliseconds(400), TestContext.Current.CancellationToken);
    }

    [Fact]
    public void A_cancelled_message_never_arrives()
    {
        var cancelable = new Cancelable(Sys.Scheduler);
        Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(300), TestActor, "cancelled", ActorRefs.NoSender, cancelable);
        cancelable.Cancel();

        ExpectNoMsg(TimeSpan.FromMilliseconds(800), TestContext.Current.CancellationToken);
    }

    [Fact]
    public void A_repeated_message_arrives_until_it_is_cancelled()
    {
        var cancelable = Sys.Scheduler.ScheduleTellRepeatedlyCancelable(TimeSpan.Zero, TimeSpan.FromMilliseconds(50), TestActor, "tick", ActorRefs.NoSender);
        for (var i = 0; i < 3; i++)
        {
            ExpectMsg("tick", Patience, cancellationToken: TestContext.Current.CancellationToken);
        }

        cancelable.Cancel();
        // A tick already on its way when the cancel came may still arrive; after that, none.
        ReceiveWhile<object>(TimeSpan.FromMilliseconds(200), message => message, cancellationToken: TestContext.Current.CancellationToken);
        ExpectNoMsg(TimeSpan.FromMilliseconds(400), TestContext.Current.CancellationToken);
    }

    [Fact]
    public void An_action_runs_once_after_its_delay()
    {
        var probe = CreateTestProbe();
        Sys.Scheduler.Advanced.ScheduleOnce(TimeSpan.FromMilliseconds(100), () => probe.Ref.Tell("ran"));

        probe.ExpectMsg("ran", Patience, cancellationToken: TestContext.Current.CancellationToken);
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(300), TestContext.Current.CancellationToken);
    }

    [Fact]
    public void An_actor_timer_that_is_restarted_fires_only_for_its_last_start()
    {
        var actor = Sys.ActorOf(Props.Create(() => new TimerUser(TestActor)));
        actor.Tell("first");
        actor.Tell("second");

        ExpectMsg("second", Patience, cancellationToken: TestContext.Current.CancellationToken);
        ExpectNoMsg(TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken);
    }

    private sealed class TimerUser : ReceiveActor, IWithTimers
    {
        public TimerUser(IActorRef target)
        {
            Receive<string>(text => text.StartsWith("fired:", StringComparison.Ordinal), text => target.Tell(text["fired:".Length..]));
            Receive<string>(text => Timers.StartSingleTimer("key", "fired:" + text, TimeSpan.FromMilliseconds(200)));
        }

        public ITimerScheduler Timers { get; set; } = null!;
    }
}
