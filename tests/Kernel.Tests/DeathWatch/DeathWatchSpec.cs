
namespace ProcessManager.Kernel.Tests.DeathWatch;

public sealed class DeathWatchSpec : TestKit.TestKit
{
    private sealed class Watcher : ReceiveActor
    {
        public Watcher(IActorRef probe)
        {
            Receive<(string Command, IActorRef Target)>(c => c.Command == "watch", c => Context.Watch(c.Target));
            Receive<(string Command, IActorRef Target)>(c => c.Command == "watchWith", c => Context.WatchWith(c.Target, $"gone {c.Target.Path.Name}"));
            Receive<(string Command, IActorRef Target)>(c => c.Command == "unwatch", c => Context.Unwatch(c.Target));
            Receive<(string Command, IActorRef Target)>(c => c.Command == "twice", c =>
            {
                Context.Watch(c.Target);
                Context.Watch(c.Target);
            });
            Receive<Terminated>(t => probe.Tell(t));
            Receive<string>(s => probe.Tell(s));
        }
    }

    [Fact]
    public void Terminated_is_delivered_exactly_once()
    {
        var watcher = Sys.ActorOf(Props.Create(() => new Watcher(TestActor)));
        var target = Sys.ActorOf(Props.Create<EchoActor>(), "target");
        watcher.Tell(("twice", target));
        watcher.Tell(("watch", target));
        target.Tell(PoisonPill.Instance);
        Assert.Same(target, ExpectMsg<Terminated>().ActorRef);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Watching_an_already_dead_actor_delivers_Terminated()
    {
        var target = Sys.ActorOf(Props.Create<EchoActor>());
        Watch(target);
        Sys.Stop(target);
        ExpectTerminated(target);
        var watcher = Sys.ActorOf(Props.Create(() => new Watcher(TestActor)));
        watcher.Tell(("watch", target));
        Assert.Same(target, ExpectMsg<Terminated>().ActorRef);
    }

    [Fact]
    public void WatchWith_delivers_the_custom_message()
    {
        var watcher = Sys.ActorOf(Props.Create(() => new Watcher(TestActor)));
        var target = Sys.ActorOf(Props.Create<EchoActor>(), "t1");
        watcher.Tell(("watchWith", target));
        Sys.Stop(target);
        ExpectMsg("gone t1");
    }

    [Fact]
    public void Unwatch_suppresses_Terminated()
    {
        var watcher = Sys.ActorOf(Props.Create(() => new Watcher(TestActor)));
        var target = Sys.ActorOf(Props.Create<EchoActor>());
        watcher.Tell(("watch", target));
        watcher.Tell(("unwatch", target));
        watcher.Tell("synced");
        ExpectMsg("synced");
        Sys.Stop(target);
        ExpectNoMsg(TimeSpan.FromMilliseconds(150));
    }

    private sealed class Pact : ReceiveActor
    {
        public Pact(IActorRef target)
        {
            Context.Watch(target);
        }
    }

    [Fact]
    public void Unhandled_Terminated_is_a_death_pact_that_stops_the_watcher()
    {
        var target = Sys.ActorOf(Props.Create<EchoActor>());
        var pact = Sys.ActorOf(Props.Create(() => new Pact(target)));
        Watch(pact);
        EventFilter.Exception<DeathPactException>().ExpectOne(() => Sys.Stop(target));
        ExpectTerminated(pact);
    }

    [Fact]
    public void Parent_stop_stops_children_first()
    {
        var parent = Sys.ActorOf(Props.Create(() => new LifecycleActor(TestActor, "p")));
        ExpectMsg("p:ctor");
        ExpectMsg("p:preStart");
        parent.Tell(Props.Create(() => new LifecycleActor(TestActor, "c")), TestActor);
        this.ExpectSpawned("c");
        Sys.Stop(parent);
        ExpectMsg("c:postStop");
        ExpectMsg("p:postStop");
    }
}
