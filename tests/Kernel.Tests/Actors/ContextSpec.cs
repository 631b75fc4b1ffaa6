
namespace ProcessManager.Kernel.Tests.Actors;

public sealed class ContextSpec : TestKit.TestKit
{
    private sealed class Parent : ReceiveActor
    {
        public Parent()
        {
            Receive<string>(s => s.StartsWith("make ", StringComparison.Ordinal), s => Sender.Tell(Context.ActorOf(Props.Create<EchoActor>(), s[5..])));
            Receive<string>(s => s == "children", _ => Sender.Tell(string.Join(",", Context.Children.Select(c => c.Path.Name))));
            Receive<string>(s => s.StartsWith("child ", StringComparison.Ordinal), s => Sender.Tell(Context.Child(s[6..])));
            Receive<string>(s => s == "dup", _ =>
            {
                try
                {
                    Context.ActorOf(Props.Create<EchoActor>(), "b");
                    Sender.Tell("created");
                }
                catch (InvalidActorNameException e)
                {
                    Sender.Tell(e.GetType().Name);
                }
            });
            Receive<string>(s => s == "parent", _ => Sender.Tell(Context.Parent));
        }
    }

    [Fact]
    public void Children_are_listed_sorted_by_name_and_found_by_name()
    {
        var parent = Sys.ActorOf(Props.Create<Parent>(), "parent");
        parent.Tell("make c", TestActor);
        parent.Tell("make a", TestActor);
        parent.Tell("make b", TestActor);
        var refs = ReceiveN(3).Cast<IActorRef>().ToList();
        parent.Tell("children", TestActor);
        ExpectMsg("a,b,c");
        parent.Tell("child b", TestActor);
        Assert.Same(refs[2], ExpectMsg<IActorRef>());
        parent.Tell("child zz", TestActor);
        Assert.Same(ActorRefs.Nobody, ExpectMsg<IActorRef>());
        Assert.Equal("/user/parent/b", refs[2].Path.ToString());
    }

    [Fact]
    public void A_taken_child_name_is_rejected()
    {
        var parent = Sys.ActorOf(Props.Create<Parent>());
        parent.Tell("make b", TestActor);
        ExpectMsg<IActorRef>();
        parent.Tell("dup", TestActor);
        ExpectMsg(nameof(InvalidActorNameException));
    }

    [Fact]
    public void Top_level_names_are_unique_and_validated()
    {
        Sys.ActorOf(Props.Create<EchoActor>(), "one");
        Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create<EchoActor>(), "one"));
        Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create<EchoActor>(), "a/b"));
        Assert.Throws<InvalidActorNameException>(() => Sys.ActorOf(Props.Create<EchoActor>(), "$x"));
    }

    [Fact]
    public void Parent_of_a_top_level_actor_is_the_user_guardian()
    {
        var parent = Sys.ActorOf(Props.Create<Parent>());
        parent.Tell("parent", TestActor);
        Assert.Same(Sys.UserGuardian, ExpectMsg<IActorRef>());
    }

    [Fact]
    public void Sender_is_dead_letters_when_there_is_none()
    {
        Sys.EventStream.Subscribe<DeadLetter>(TestActor);
        var echo = Sys.ActorOf(Props.Create<EchoActor>());
        echo.Tell("lost", ActorRefs.NoSender);
        Assert.Equal("lost", ExpectMsg<DeadLetter>().Message);
    }

    [Fact]
    public void PoisonPill_stops_after_earlier_messages()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());
        Watch(echo);
        echo.Tell("first", TestActor);
        echo.Tell(PoisonPill.Instance);
        echo.Tell("never", TestActor);
        ExpectMsg("first");
        ExpectTerminated(echo);
        ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Kill_stops_the_actor_through_its_supervisor()
    {
        var actor = Sys.ActorOf(Props.Create(() => new LifecycleActor(TestActor, "k")));
        ExpectMsg("k:ctor");
        ExpectMsg("k:preStart");
        Watch(actor);
        actor.Tell(Kill.Instance);
        ExpectMsg("k:postStop");
        ExpectTerminated(actor);
    }

    [Fact]
    public void Messages_to_a_stopped_actor_become_dead_letters()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());
        Watch(echo);
        Sys.Stop(echo);
        ExpectTerminated(echo);
        Sys.EventStream.Subscribe<DeadLetter>(TestActor);
        echo.Tell("hello", TestActor);
        var letter = ExpectMsg<DeadLetter>();
        Assert.Equal("hello", letter.Message);
        Assert.Same(echo, letter.Recipient);
        Assert.Same(TestActor, letter.Sender);
    }
}
