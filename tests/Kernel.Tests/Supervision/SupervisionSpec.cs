
namespace ProcessManager.Kernel.Tests.Supervision;

public sealed class SupervisionSpec : TestKit.TestKit
{
    private IActorRef Supervised(SupervisorStrategy strategy, string id = "c", string name = "child")
    {
        var supervisor = Sys.ActorOf(Props.Create(() => new SupervisorActor(strategy)));
        supervisor.Tell((Props.Create(() => new LifecycleActor(TestActor, id)), name), TestActor);
        return this.ExpectSpawned(id);
    }

    [Fact]
    public void Resume_keeps_the_instance_and_its_state()
    {
        var child = Supervised(new OneForOneStrategy(_ => Directive.Resume));
        child.Tell("inc");
        child.Tell(new InvalidOperationException("boom"));
        child.Tell("state", TestActor);
        ExpectMsg(1);
    }

    [Fact]
    public void Restart_replaces_the_instance_calling_hooks_in_order()
    {
        var child = Supervised(new OneForOneStrategy(_ => Directive.Restart));
        child.Tell("inc");
        child.Tell(new InvalidOperationException("boom"));
        ExpectMsg("c:preRestart:boom");
        ExpectMsg("c:postStop");
        ExpectMsg("c:ctor");
        ExpectMsg("c:postRestart:boom");
        ExpectMsg("c:preStart");
        child.Tell("state", TestActor);
        ExpectMsg(0);
    }

    [Fact]
    public void Stop_stops_the_child()
    {
        var child = Supervised(new OneForOneStrategy(_ => Directive.Stop));
        Watch(child);
        child.Tell(new InvalidOperationException("boom"));
        ExpectMsg("c:postStop");
        ExpectTerminated(child);
    }

    [Fact]
    public void Escalate_fails_the_supervisor_which_is_handled_two_levels_up()
    {
        // top (restarts) -> middle (escalates) -> leaf
        var top = Sys.ActorOf(Props.Create(() => new SupervisorActor(new OneForOneStrategy(_ => Directive.Restart))), "top");
        top.Tell((Props.Create(() => new SupervisorActor(new OneForOneStrategy(_ => Directive.Escalate))), "middle"), TestActor);
        var middle = ExpectMsg<IActorRef>();
        middle.Tell((Props.Create(() => new LifecycleActor(TestActor, "leaf")), "leaf"), TestActor);
        var leaf = this.ExpectSpawned("leaf");
        Watch(leaf);
        leaf.Tell(new InvalidOperationException("deep"));
        // middle restarts: its default PreRestart stops the leaf.
        ExpectMsg("leaf:postStop");
        ExpectTerminated(leaf);
        // middle was restarted, not stopped: it still answers.
        middle.Tell(new Identify(1), TestActor);
        Assert.Same(middle, ExpectMsg<ActorIdentity>().Subject);
        Assert.Equal(1, Sys.GetHierarchy().DescendantsAndSelf().Single(n => n.Path == "/user/top/middle").RestartCount);
    }

    [Fact]
    public void Default_decider_stops_on_initialization_failure()
    {
        var supervisor = Sys.ActorOf(Props.Create(() => new SupervisorActor(SupervisorStrategy.DefaultStrategy)));
        supervisor.Tell((Props.Create<FailingStart>(), "bad"), TestActor);
        var bad = ExpectMsg<IActorRef>();
        Watch(bad);
        ExpectTerminated(bad);
    }

    private sealed class FailingStart : ReceiveActor
    {
        protected override void PreStart() => throw new InvalidOperationException("cannot start");
    }

    [Fact]
    public void Default_decider_decisions_match_the_documented_rules()
    {
        Assert.Equal(Directive.Stop, SupervisorStrategy.DefaultDecider(new ActorInitializationException()));
        Assert.Equal(Directive.Stop, SupervisorStrategy.DefaultDecider(new ActorKilledException()));
        Assert.Equal(Directive.Stop, SupervisorStrategy.DefaultDecider(new DeathPactException()));
        Assert.Equal(Directive.Restart, SupervisorStrategy.DefaultDecider(new InvalidOperationException()));
    }

    [Fact]
    public void Retries_beyond_the_limit_within_the_window_stop_the_child()
    {
        var child = Supervised(new OneForOneStrategy(2, TimeSpan.FromMinutes(1), _ => Directive.Restart));
        Watch(child);
        for (var i = 0; i < 2; i++)
        {
            child.Tell(new InvalidOperationException("x"));
            FishForMessage(m => m is "c:preStart");
        }

        child.Tell(new InvalidOperationException("x"));
        FishForMessage(m => m is Terminated t && t.ActorRef == child);
    }

    [Fact]
    public void Retries_outside_the_window_do_not_count_together()
    {
        var time = new ManualTime();
        var stats = new RestartStatistics();
        Assert.True(stats.RequestRestartPermission(1, TimeSpan.FromSeconds(10), time));
        time.Advance(TimeSpan.FromSeconds(11));
        Assert.True(stats.RequestRestartPermission(1, TimeSpan.FromSeconds(10), time));
        Assert.False(stats.RequestRestartPermission(1, TimeSpan.FromSeconds(10), time));
    }

    [Fact]
    public void All_for_one_restarts_the_siblings_of_the_failed_child()
    {
        var supervisor = Sys.ActorOf(Props.Create(() => new SupervisorActor(new AllForOneStrategy(_ => Directive.Restart))));
        supervisor.Tell((Props.Create(() => new LifecycleActor(TestActor, "x")), "x"), TestActor);
        supervisor.Tell((Props.Create(() => new LifecycleActor(TestActor, "y")), "y"), TestActor);
        var refs = ReceiveN(6).OfType<IActorRef>().ToList();
        var x = refs.Single(r => r.Path.Name == "x");
        var y = refs.Single(r => r.Path.Name == "y");
        y.Tell("inc");
        y.Tell("state", TestActor);
        ExpectMsg(1);
        x.Tell(new InvalidOperationException("bang"));
        var events = ReceiveN(10).Cast<string>().ToList();
        Assert.Contains("y:preRestart:bang", events);
        Assert.Contains("y:postRestart:bang", events);
        Assert.Contains("x:postRestart:bang", events);
        y.Tell("state", TestActor);
        ExpectMsg(0);
    }

    [Fact]
    public void Children_are_stopped_when_the_parent_restarts()
    {
        var parent = Supervised(new OneForOneStrategy(_ => Directive.Restart), "p");
        parent.Tell(Props.Create(() => new LifecycleActor(TestActor, "kid")), TestActor);
        var kid = this.ExpectSpawned("kid");
        Watch(kid);
        parent.Tell(new InvalidOperationException("restart"));
        ExpectMsg("p:preRestart:restart");
        // The new instance starts only after the old children are gone, so the name is free again.
        var seen = new List<object>();
        FishForMessage(m =>
        {
            seen.Add(m);
            return seen.Contains("kid:postStop") && seen.Contains("p:preStart") && seen.OfType<Terminated>().Any();
        });
        Assert.True(seen.IndexOf("kid:postStop") < seen.IndexOf("p:preStart"), string.Join(", ", seen));
        parent.Tell(Props.Create(() => new LifecycleActor(TestActor, "kid2")), TestActor);
        Assert.Equal("/user/" + parent.Path.Parent!.Name + "/child/child", FishForMessage<IActorRef>().Path.ToString());
    }

    [Fact]
    public void Failures_are_published_as_error_log_events()
    {
        var child = Supervised(new OneForOneStrategy(_ => Directive.Resume));
        EventFilter.Exception<ArithmeticException>().ExpectOne(() => child.Tell(new ArithmeticException("math")));
    }
}
