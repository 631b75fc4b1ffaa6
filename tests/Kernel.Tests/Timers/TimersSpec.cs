
namespace ProcessManager.Kernel.Tests.Timers;

public sealed class TimersSpec : TestKit.TestKit
{
    private sealed class Ticker : ReceiveActor, IWithTimers
    {
        public ITimerScheduler Timers { get; set; } = null!;

        public Ticker(IActorRef probe)
        {
            Receive<string>(s => s == "single", _ => Timers.StartSingleTimer("k", "fired", TimeSpan.FromMilliseconds(20)));
            Receive<string>(s => s == "periodic", _ => Timers.StartPeriodicTimer("p", "tick", TimeSpan.FromMilliseconds(20)));
            Receive<string>(s => s == "cancel", _ =>
            {
                Timers.Cancel("p");
                probe.Tell("cancelled");
            });
            Receive<string>(s => s == "replace", _ =>
            {
                Timers.StartSingleTimer("k", "old", TimeSpan.FromMilliseconds(10));
                Timers.StartSingleTimer("k", "new", TimeSpan.FromMilliseconds(30));
            });
            Receive<string>(s => probe.Tell(s));
        }
    }

    [Fact]
    public void Single_timer_fires_once()
    {
        var ticker = Sys.ActorOf(Props.Create(() => new Ticker(TestActor)));
        ticker.Tell("single");
        ExpectMsg("fired");
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Periodic_timer_repeats_until_cancelled()
    {
        var ticker = Sys.ActorOf(Props.Create(() => new Ticker(TestActor)));
        ticker.Tell("periodic");
        ExpectMsg("tick");
        ExpectMsg("tick");
        ticker.Tell("cancel");
        FishForMessage(m => m is "cancelled");
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Restarting_a_key_replaces_the_old_timer()
    {
        var ticker = Sys.ActorOf(Props.Create(() => new Ticker(TestActor)));
        ticker.Tell("replace");
        ExpectMsg("new");
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Timers_are_gone_after_stop()
    {
        Sys.EventStream.Subscribe<DeadLetter>(TestActor);
        var ticker = Sys.ActorOf(Props.Create(() => new Ticker(TestActor)));
        ticker.Tell("periodic");
        ExpectMsg("tick");
        Watch(ticker);
        Sys.Stop(ticker);
        FishForMessage(m => m is Terminated);
        // No tick and no dead letter from a timer once the actor is gone.
        ExpectNoMsg(TimeSpan.FromMilliseconds(150));
    }
}
