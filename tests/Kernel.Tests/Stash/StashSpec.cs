
namespace ProcessManager.Kernel.Tests.Stash;

public sealed class StashSpec : TestKit.TestKit
{
    private sealed class Gate : ReceiveActor, IWithStash
    {
        public IStash Stash { get; set; } = null!;

        public Gate(IActorRef probe)
        {
            Receive<string>(s => s == "open", _ =>
            {
                Become(() => Receive<int>(i => probe.Tell(i)));
                Stash.UnstashAll();
            });
            Receive<int>(_ => Stash.Stash());
        }
    }

    [Fact]
    public void UnstashAll_replays_in_order_ahead_of_newer_messages()
    {
        var gate = Sys.ActorOf(Props.Create(() => new Gate(TestActor)));
        for (var i = 1; i <= 5; i++)
        {
            gate.Tell(i);
        }

        gate.Tell("open");
        gate.Tell(6);
        for (var i = 1; i <= 6; i++)
        {
            ExpectMsg(i);
        }
    }

    [Fact]
    public void A_full_stash_fails_the_actor()
    {
        var gate = Sys.ActorOf(Props.Create(() => new Gate(TestActor)).WithStashCapacity(2));
        EventFilter.Exception<StashOverflowException>().ExpectOne(() =>
        {
            gate.Tell(1);
            gate.Tell(2);
            gate.Tell(3);
        });
    }

    [Fact]
    public void Stashed_messages_become_dead_letters_on_stop()
    {
        Sys.EventStream.Subscribe<DeadLetter>(TestActor);
        var gate = Sys.ActorOf(Props.Create(() => new Gate(TestActor)));
        gate.Tell(1);
        gate.Tell(2);
        gate.Tell(PoisonPill.Instance);
        Assert.Equal(1, ExpectMsg<DeadLetter>().Message);
        Assert.Equal(2, ExpectMsg<DeadLetter>().Message);
    }
}
