
namespace ProcessManager.Kernel.Tests.Actors;

public sealed class ReceiveActorSpec : TestKit.TestKit
{
    private sealed class Typed : ReceiveActor
    {
        public Typed()
        {
            Receive<int>(i => i > 10, i => Sender.Tell($"big {i}"));
            Receive<int>(i => Sender.Tell($"small {i}"));
            Receive<string>(s => Sender.Tell($"string {s}"));
        }
    }

    [Fact]
    public void Handlers_are_chosen_by_type_and_predicate_in_declaration_order()
    {
        var actor = Sys.ActorOf(Props.Create<Typed>());
        actor.Tell(42, TestActor);
        actor.Tell(1, TestActor);
        actor.Tell("x", TestActor);
        ExpectMsg("big 42");
        ExpectMsg("small 1");
        ExpectMsg("string x");
    }

    [Fact]
    public void Unhandled_messages_are_published_on_the_event_stream()
    {
        Sys.EventStream.Subscribe<UnhandledMessage>(TestActor);
        var actor = Sys.ActorOf(Props.Create<Typed>());
        actor.Tell(3.5, TestActor);
        var unhandled = ExpectMsg<UnhandledMessage>();
        Assert.Equal(3.5, unhandled.Message);
        Assert.Same(actor, unhandled.Recipient);
    }

    private sealed class Switching : ReceiveActor
    {
        public Switching()
        {
            Receive<string>(s => s == "swap", _ => Become(Swapped));
            Receive<string>(s => Sender.Tell($"normal {s}"));
        }

        private void Swapped()
        {
            Receive<string>(s => s == "back", _ => UnbecomeStacked());
            Receive<string>(s => Sender.Tell($"swapped {s}"));
        }
    }

    [Fact]
    public void Become_replaces_behavior_and_unbecome_returns_to_the_initial_one()
    {
        var actor = Sys.ActorOf(Props.Create<Switching>());
        actor.Tell("a", TestActor);
        actor.Tell("swap", TestActor);
        actor.Tell("b", TestActor);
        actor.Tell("back", TestActor);
        actor.Tell("c", TestActor);
        ExpectMsg("normal a");
        ExpectMsg("swapped b");
        ExpectMsg("normal c");
    }

    private sealed class AsyncActor : ReceiveActor
    {
        public AsyncActor()
        {
            ReceiveAsync<TaskCompletionSource>(async tcs =>
            {
                var sender = Sender;
                await tcs.Task;
                sender.Tell("released");
                Sender.Tell("sender kept after await");
            });
            Receive<string>(s => Sender.Tell(s));
        }
    }

    [Fact]
    public void ReceiveAsync_holds_later_messages_until_the_task_completes()
    {
        var actor = Sys.ActorOf(Props.Create<AsyncActor>());
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        actor.Tell(gate, TestActor);
        actor.Tell("after", TestActor);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        gate.SetResult();
        ExpectMsg("released");
        ExpectMsg("sender kept after await");
        ExpectMsg("after");
    }

    private sealed class Untyped(IActorRef probe) : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            if (message is string s)
            {
                probe.Tell(s.ToUpperInvariant());
            }
            else
            {
                Unhandled(message);
            }
        }
    }

    [Fact]
    public void UntypedActor_receives_through_OnReceive_and_reports_unhandled()
    {
        Sys.EventStream.Subscribe<UnhandledMessage>(TestActor);
        var actor = Sys.ActorOf(Props.Create(() => new Untyped(TestActor)));
        actor.Tell("hi");
        ExpectMsg("HI");
        actor.Tell(5);
        Assert.Equal(5, ExpectMsg<UnhandledMessage>().Message);
    }

    [Fact]
    public void Actors_cannot_be_created_with_new()
    {
        Assert.Throws<ActorInitializationException>(() => new Typed());
    }

    [Fact]
    public void Identify_is_answered_with_the_actor_reference()
    {
        var actor = Sys.ActorOf(Props.Create<Typed>(), "ident");
        actor.Tell(new Identify(7), TestActor);
        var identity = ExpectMsg<ActorIdentity>();
        Assert.Equal(7, identity.MessageId);
        Assert.Same(actor, identity.Subject);
        Assert.Equal("/user/ident", actor.Path.ToString());
    }
}
